import '../../components/work-pages.css';
import { useState } from 'react';
import { ArrowLeftOutlined } from '@ant-design/icons';
import { Button, Checkbox, Form, Input, InputNumber, Modal, Radio, Select, message } from 'antd';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import type { RecordPersonInput } from '../../../common/contracts/rescue';
import {
  RESCUE_CATEGORIES,
  RESCUE_CATEGORY_LABELS,
  RESCUE_SEXES,
  RESCUE_SEX_LABELS,
  RESCUE_SOURCES,
  RESCUE_SOURCE_LABELS,
  type RescueCategory,
  type RescueSex,
  type RescueSource,
} from '../../../common/enums';
import { normalizeIdNumber, validIdNumber } from '../../../common/id-card';
import { errorMessage } from '../../api/client';
import { PageHeader } from '../../components/PageHeader';
import { RegionPicker } from '../../components/RegionPicker';
import { useUser } from '../../lib/auth';
import { applyServerErrors } from '../../lib/forms';
import { useRecordPerson } from './queries';

interface Values {
  regionCode: string;
  source: RescueSource;
  category: RescueCategory;
  name?: string;
  approxAge?: number | null;
  minor?: boolean;
  sex: RescueSex;
  idNumber?: string;
  phone?: string;
  foundPlace: string;
  condition: string;
}

const text = (v: string | undefined) => (v?.trim() ? v.trim() : undefined);

/** 登记发现人员: on a patrol (from the patrol page) or reported by the hotline, walking in, handed over. */
export function RecordPersonPage() {
  const user = useUser();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const patrolId = params.get('patrolId') ?? undefined;
  const [form] = Form.useForm<Values>();
  const [key, setKey] = useState(() => crypto.randomUUID());
  const record = useRecordPerson();

  const submit = (v: Values) => {
    const idNumber = text(v.idNumber);
    const input: RecordPersonInput = {
      regionCode: v.regionCode,
      source: patrolId ? 'patrol' : v.source,
      category: v.category,
      sex: v.sex,
      foundPlace: v.foundPlace.trim(),
      condition: v.condition.trim(),
      ...(patrolId ? { patrolId } : {}),
      ...(text(v.name) ? { name: text(v.name)! } : {}),
      ...(v.approxAge != null ? { approxAge: v.approxAge } : {}),
      ...(v.minor ? { minor: true } : {}),
      ...(idNumber ? { idNumber: normalizeIdNumber(idNumber) } : {}),
      ...(text(v.phone) ? { phone: text(v.phone)! } : {}),
    };
    record.mutate(
      { input, key },
      {
        onSuccess: (p) => {
          setKey(crypto.randomUUID());
          const go = () => void navigate(`/rescue/persons/${p.id}`, { replace: true });
          if (p.warning) Modal.warning({ title: '曾被救助', content: p.warning, okText: '知道了', onOk: go });
          else {
            void message.success(p.minor ? '已登记。未成年人须先到定点医院筛查' : '已登记');
            go();
          }
        },
        onError: (e) => {
          if (!applyServerErrors(form, e)) void message.error(errorMessage(e));
        },
      },
    );
  };

  return (
    <div className="fx-tr-form">
      <PageHeader
        top={
          <Link to={patrolId ? `/rescue/patrols/${patrolId}` : '/rescue'} className="fx-muted">
            <ArrowLeftOutlined /> {patrolId ? '巡查详情' : '流浪乞讨救助'}
          </Link>
        }
        title="登记发现人员"
        subtitle="姓名、身份证号、电话加密保存；有身份证号或电话时自动提示是否曾被救助"
      />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        onValuesChange={(changed: Partial<Values>) => {
          // An age under 18 ticks the minor box (the server derives it too); an older age leaves it to the officer.
          if (typeof changed.approxAge === 'number' && changed.approxAge < 18)
            form.setFieldValue('minor', true);
        }}
        initialValues={{
          regionCode: params.get('region') ?? user.regionCode,
          source: patrolId ? 'patrol' : 'walk_in',
          category: 'vagrant',
          sex: 'unknown',
        }}
      >
        <Form.Item name="regionCode" label="发现地（县区、乡镇或村社区）" rules={[{ required: true }]}>
          <RegionPicker rootCode={params.get('region') ?? user.regionCode} />
        </Form.Item>
        <Form.Item name="foundPlace" label="具体地点" rules={[{ required: true, min: 2 }]}>
          <Input placeholder="如：火车站广场东侧" maxLength={200} />
        </Form.Item>
        <div className="fx-tr-grid2">
          <Form.Item name="source" label="来源">
            <Select
              disabled={!!patrolId}
              options={RESCUE_SOURCES.map((s) => ({ value: s, label: RESCUE_SOURCE_LABELS[s] }))}
            />
          </Form.Item>
          <Form.Item name="category" label="类别">
            <Select
              options={RESCUE_CATEGORIES.map((c) => ({ value: c, label: RESCUE_CATEGORY_LABELS[c] }))}
            />
          </Form.Item>
        </div>
        <Form.Item name="name" label="姓名（如知道）">
          <Input maxLength={50} />
        </Form.Item>
        <div className="fx-tr-grid2">
          <Form.Item name="approxAge" label="大约年龄">
            <InputNumber min={0} max={120} precision={0} />
          </Form.Item>
          <Form.Item name="sex" label="性别">
            <Radio.Group
              optionType="button"
              options={RESCUE_SEXES.map((s) => ({ value: s, label: RESCUE_SEX_LABELS[s] }))}
            />
          </Form.Item>
        </div>
        <Form.Item name="minor" valuePropName="checked">
          <Checkbox>未满 18 周岁（未成年人先送定点医院健康检查和筛查）</Checkbox>
        </Form.Item>
        <Form.Item
          name="idNumber"
          label="身份证号（如知道）"
          rules={[
            {
              validator: async (_, v?: string) =>
                !v?.trim() || validIdNumber(v) ? undefined : Promise.reject(new Error('身份证号无效')),
            },
          ]}
        >
          <Input maxLength={18} autoComplete="off" />
        </Form.Item>
        <Form.Item name="phone" label="联系电话（如有）">
          <Input inputMode="tel" maxLength={20} autoComplete="off" />
        </Form.Item>
        <Form.Item name="condition" label="身体和精神状况" rules={[{ required: true }]}>
          <Input.TextArea rows={3} placeholder="如：意识清楚，衣着单薄，自述两天未进食" maxLength={1000} />
        </Form.Item>
        <Button type="primary" htmlType="submit" block size="large" loading={record.isPending}>
          登记
        </Button>
      </Form>
    </div>
  );
}
