import { NoOptions, type Rule } from './rule.js';

export type MessageIds = 'open' | 'unspecified';
export type Options = Record<string, never>;

export const rule: Rule<MessageIds, Options> = {
  meta: {
    id: 'unrestricted-output',
    description: 'A model output is open to anyone, or does not say who may read it.',
    category: 'boundaries',
    severity: 'warn',
    recommended: true,
    messages: {
      open: "output '{{node}}' of model '{{model}}' has `access: open`: anyone can start depending on it without being known",
      unspecified: "output '{{node}}' of model '{{model}}' does not declare `access`, so nothing stops undeclared consumers",
    },
    fixes: {
      open: "Set `access: restricted` on '{{node}}' and grant access only to declared consumers.",
      unspecified: "Add `access: restricted` to '{{node}}' and grant access only to declared consumers.",
    },
    optionsSchema: NoOptions,
    defaultOptions: {},
  },
  create(context) {
    return {
      output(output) {
        const access = output.doc.access;
        if (access === 'restricted') return;
        const data = { node: output.id, model: output.doc.model };
        if (access === 'open') {
          context.report({ node: output.id, messageId: 'open', path: ['access'], data });
          return;
        }
        context.report({ node: output.id, messageId: 'unspecified', data });
      },
    };
  },
};
