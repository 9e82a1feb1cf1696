import { Type, type Static } from '@sinclair/typebox';

const Severity = Type.Union([Type.Literal('off'), Type.Literal('info'), Type.Literal('warn'), Type.Literal('error')]);

const RuleSetting = Type.Union([
  Severity,
  Type.Tuple([Severity]),
  Type.Tuple([Severity, Type.Record(Type.String(), Type.Unknown())]),
]);

/** The schema of `paydown.config.yaml`, the optional project config at the root of a system. */
export const ProjectConfigSchema = Type.Object(
  {
    preset: Type.Optional(Type.Union([Type.Literal('recommended'), Type.Literal('strict')])),
    rules: Type.Optional(Type.Record(Type.String(), RuleSetting)),
    evidence: Type.Optional(Type.Array(Type.String({ minLength: 1 }))),
    baseline: Type.Optional(Type.String({ minLength: 1 })),
    exclude: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { description: 'Folders or files under the root that hold no manifests.' })),
    today: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Fixes the date rules compare against (for reproducible checks).' })),
  },
  { additionalProperties: false },
);

export type ProjectConfig = Static<typeof ProjectConfigSchema>;
export type RuleSettingValue = Static<typeof RuleSetting>;

/** The file name of the project config inside a system directory. */
export const PROJECT_CONFIG_FILE = 'paydown.config.yaml';
