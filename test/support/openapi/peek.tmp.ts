import { loadSpecDocuments, findOperation } from '/work/main/test/support/openapi/index.js';
const docs = await loadSpecDocuments();
const [v, m, p, s] = process.argv.slice(2) as ['v1' | 'v2', 'get', string, string];
const op = findOperation(docs, v, m, p)!;
console.log(op.file, op.pathTemplate, op.operation['x-token-cost']);
console.log(
  JSON.stringify(
    op.operation.responses?.[s]?.content?.['application/json']?.schema,
    (k, val) => (k === 'description' || k === 'example' ? undefined : val),
    1,
  ).slice(0, Number(process.env.N ?? 4000)),
);
