import { describe, expect, it } from 'vitest';
import { fc, test } from '@fast-check/vitest';
import { redactNumbers } from './redact';

describe('redactNumbers', () => {
  it('masks ID numbers and mobile numbers in free text, and nothing else', () => {
    expect(redactNumbers('户主身份证520302198001010014，电话139-8501-2345，住3栋2单元501')).toBe('户主身份证520***********0014，电话139****2345，住3栋2单元501');
    expect(redactNumbers('13985012345')).toBe('139****2345');
    expect(redactNumbers('金额 150000 分，订单 20220912123456789012')).toBe('金额 150000 分，订单 20220912123456789012');
  });

  test.prop([fc.stringMatching(/^1[3-9]\d{9}$/), fc.string({ maxLength: 20 }).map((s) => s.replace(/[0-9A-Za-z]/g, ''))])(
    'never leaves a mobile number readable',
    (phone, around) => {
      const out = redactNumbers(`${around}${phone}${around}`);
      expect(out).not.toContain(phone);
      expect(out).toContain(`${phone.slice(0, 3)}****${phone.slice(-4)}`);
    },
  );
});
