import type { AnyRule } from './rule.js';
import { rule as availabilityGap } from './availability-gap.js';
import { rule as availabilityObserved } from './availability-observed.js';
import { rule as bundledFeatures } from './bundled-features.js';
import { rule as configAssertion } from './config-assertion.js';
import { rule as configDeprecatedFeature } from './config-deprecated-feature.js';
import { rule as configExcludedFeature } from './config-excluded-feature.js';
import { rule as configMissingRequirement } from './config-missing-requirement.js';
import { rule as configRedundantSetting } from './config-redundant-setting.js';
import { rule as configServingUnavailable } from './config-serving-unavailable.js';
import { rule as configSettingType } from './config-setting-type.js';
import { rule as configUndeclaredFeature } from './config-undeclared-feature.js';
import { rule as configUnknownSetting } from './config-unknown-setting.js';
import { rule as configUnusedSetting } from './config-unused-setting.js';
import { rule as configWindowGap } from './config-window-gap.js';
import { rule as consumerWithoutSla } from './consumer-without-sla.js';
import { rule as correctionCascade } from './correction-cascade.js';
import { rule as correlatedFeatures } from './correlated-features.js';
import { rule as danglingReference } from './dangling-reference.js';
import { rule as deepDependencyChain } from './deep-dependency-chain.js';
import { rule as deprecatedDependency } from './deprecated-dependency.js';
import { rule as directFeedbackLoop } from './direct-feedback-loop.js';
import { rule as fixedThreshold } from './fixed-threshold.js';
import { rule as hiddenFeedbackLoop } from './hidden-feedback-loop.js';
import { rule as missingAnnotation } from './missing-annotation.js';
import { rule as missingDataTests } from './missing-data-tests.js';
import { rule as missingMonitoring } from './missing-monitoring.js';
import { rule as orphanPipelineOutput } from './orphan-pipeline-output.js';
import { rule as plainOldDataType } from './plain-old-data-type.js';
import { rule as servingUnavailable } from './serving-unavailable.js';
import { rule as staleExperiment } from './stale-experiment.js';
import { rule as undeclaredConsumer } from './undeclared-consumer.js';
import { rule as underutilizedFeature } from './underutilized-feature.js';
import { rule as unpinnedTrainingData } from './unpinned-training-data.js';
import { rule as unrestrictedOutput } from './unrestricted-output.js';
import { rule as unusedSignal } from './unused-signal.js';
import { rule as unversionedSignal } from './unversioned-signal.js';

/** Every rule paydown ships, by id. Keep sorted; the catalogue test checks each has a doc page and a test. */
export const rules: Readonly<Record<string, AnyRule>> = {
  'availability-gap': availabilityGap,
  'availability-observed': availabilityObserved,
  'bundled-features': bundledFeatures,
  'config-assertion': configAssertion,
  'config-deprecated-feature': configDeprecatedFeature,
  'config-excluded-feature': configExcludedFeature,
  'config-missing-requirement': configMissingRequirement,
  'config-redundant-setting': configRedundantSetting,
  'config-serving-unavailable': configServingUnavailable,
  'config-setting-type': configSettingType,
  'config-undeclared-feature': configUndeclaredFeature,
  'config-unknown-setting': configUnknownSetting,
  'config-unused-setting': configUnusedSetting,
  'config-window-gap': configWindowGap,
  'consumer-without-sla': consumerWithoutSla,
  'correction-cascade': correctionCascade,
  'correlated-features': correlatedFeatures,
  'dangling-reference': danglingReference,
  'deep-dependency-chain': deepDependencyChain,
  'deprecated-dependency': deprecatedDependency,
  'direct-feedback-loop': directFeedbackLoop,
  'fixed-threshold': fixedThreshold,
  'hidden-feedback-loop': hiddenFeedbackLoop,
  'missing-annotation': missingAnnotation,
  'missing-data-tests': missingDataTests,
  'missing-monitoring': missingMonitoring,
  'orphan-pipeline-output': orphanPipelineOutput,
  'plain-old-data-type': plainOldDataType,
  'serving-unavailable': servingUnavailable,
  'stale-experiment': staleExperiment,
  'undeclared-consumer': undeclaredConsumer,
  'underutilized-feature': underutilizedFeature,
  'unpinned-training-data': unpinnedTrainingData,
  'unrestricted-output': unrestrictedOutput,
  'unused-signal': unusedSignal,
  'unversioned-signal': unversionedSignal,
};

/** Every rule, in id order. */
export const allRules: readonly AnyRule[] = Object.values(rules);
