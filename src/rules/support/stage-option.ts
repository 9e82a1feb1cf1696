import { Type } from '@sinclair/typebox';

/** A model stage, as rules that apply only to some stages take it in their options. */
export type Stage = 'experimental' | 'staging' | 'production';

export const StageSchema = Type.Union([Type.Literal('experimental'), Type.Literal('staging'), Type.Literal('production')]);
