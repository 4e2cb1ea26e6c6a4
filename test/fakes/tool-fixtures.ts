// The one tool the tool-calling tests (and the demo) give a model, and the two parallel calls
// of it that the fakes are scripted to make.
export const READ_FILE = {
  name: 'read_file',
  description: 'Read a file',
  parameters: { type: 'object', properties: { path: { type: 'string' } }, required: ['path'] },
};

export const CALLS = [
  { name: 'read_file', arguments: { path: 'src/a.ts' } },
  { name: 'read_file', arguments: { path: 'src/b.ts' } },
];
