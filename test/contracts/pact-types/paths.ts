// The shape openapi-typescript gives a small products API (written by hand for this test).
export interface paths {
  '/products/{id}': {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    get: {
      parameters: { query?: never; header?: never; path: { id: string }; cookie?: never };
      requestBody?: never;
      responses: {
        200: { headers: { [name: string]: unknown }; content: { 'application/json': components['schemas']['Product'] } };
        404: { headers: { [name: string]: unknown }; content?: never };
      };
    };
    put?: never;
    post?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
  '/products': {
    parameters: { query?: never; header?: never; path?: never; cookie?: never };
    get: {
      parameters: { query?: { limit?: number }; header?: never; path?: never; cookie?: never };
      requestBody?: never;
      responses: { 200: { headers: { [name: string]: unknown }; content: { 'application/json': { items: components['schemas']['Product'][]; next?: string } } } };
    };
    post: {
      parameters: { query?: never; header?: never; path?: never; cookie?: never };
      requestBody: { content: { 'application/json': components['schemas']['NewProduct'] } };
      responses: { 201: { headers: { [name: string]: unknown }; content: { 'application/json': components['schemas']['Product'] } } };
    };
    put?: never;
    delete?: never;
    options?: never;
    head?: never;
    patch?: never;
    trace?: never;
  };
}

export interface components {
  schemas: {
    Product: { id: string; name: string; price: number; tags?: string[]; maker?: { name: string; country?: string } };
    NewProduct: { name: string; price: number };
  };
}
