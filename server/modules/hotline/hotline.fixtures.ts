import type { TakeCallInput } from '../../../common/contracts/hotline';

/** 中山路街道 of 红花岗区, where the test calls' hardship is. */
export const TEST_TOWN = '520302007000';

/** Test fixture: the seed's 白杨小区 family calling about the son's heart disease (urgent, medical). */
export const callInput = (over: Partial<TakeCallInput> = {}): TakeCallInput => ({
  callerName: '刘桂兰',
  callerPhone: '13985012345',
  regionCode: TEST_TOWN,
  address: '中山路街道白杨小区',
  category: 'medical',
  urgency: 'urgent',
  content: '儿子突发心疾，医药费无着落',
  ...over,
});
