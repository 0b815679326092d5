import './bar-list.css';
import type { ReactNode } from 'react';
import { Empty } from 'antd';

export interface BarItem {
  key: string;
  label: ReactNode;
  value: number;
}

/** A plain horizontal bar chart: label, bar scaled to the largest value, count. Fits a phone. */
export function BarList({
  items,
  unit = '',
  emptyText = '暂无数据',
  color = '#1677ff',
}: {
  items: BarItem[];
  unit?: string;
  emptyText?: string;
  color?: string;
}) {
  if (items.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={emptyText} />;
  const max = Math.max(1, ...items.map((i) => i.value));
  return (
    <ul className="fx-bar-list">
      {items.map((i) => (
        <li key={i.key} className="fx-bar-row">
          <span className="fx-bar-label">{i.label}</span>
          <span className="fx-bar-track" aria-hidden>
            <span
              className="fx-bar-fill"
              style={{ width: `${Math.max(2, (i.value / max) * 100)}%`, background: color }}
            />
          </span>
          <span className="fx-bar-value">
            {i.value.toLocaleString('zh-CN')}
            {unit}
          </span>
        </li>
      ))}
    </ul>
  );
}
