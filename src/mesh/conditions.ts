import type { K8sCondition } from '../models';

export const findCondition = (
  conditions: K8sCondition[] | undefined,
  type: string,
): K8sCondition | undefined => conditions?.find((c) => c.type === type);

export const isConditionTrue = (conditions: K8sCondition[] | undefined, type: string): boolean =>
  findCondition(conditions, type)?.status === 'True';
