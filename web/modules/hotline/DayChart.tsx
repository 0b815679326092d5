import { Empty } from 'antd';

/** Calls per day as plain SVG columns (no chart library): scales to the card, readable on a phone. */
export function DayChart({ days }: { days: Array<{ day: string; n: number }> }) {
  if (days.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description="暂无来电" />;
  const shown = days.slice(-31);
  const max = Math.max(1, ...shown.map((d) => d.n));
  const w = 320;
  const h = 140;
  const top = 16;
  const bottom = 22;
  const step = w / shown.length;
  const bar = Math.max(2, Math.min(28, step * 0.7));
  const labelEvery = Math.ceil(shown.length / 8);
  return (
    <svg viewBox={`0 0 ${w} ${h}`} className="fx-day-chart" role="img" aria-label="按日来电数">
      <line x1={0} x2={w} y1={h - bottom} y2={h - bottom} stroke="#d9d9d9" />
      {shown.map((d, i) => {
        const height = ((h - top - bottom) * d.n) / max;
        const x = i * step + (step - bar) / 2;
        return (
          <g key={d.day}>
            <title>{`${d.day}：${d.n} 件`}</title>
            <rect x={x} y={h - bottom - height} width={bar} height={height} fill="#0ea5e9" rx={2} />
            {shown.length <= 14 ? (
              <text x={x + bar / 2} y={h - bottom - height - 4} textAnchor="middle" fontSize={10} fill="#374151">
                {d.n}
              </text>
            ) : null}
            {i % labelEvery === 0 ? (
              <text x={x + bar / 2} y={h - 6} textAnchor="middle" fontSize={10} fill="#6b7280">
                {d.day.slice(5)}
              </text>
            ) : null}
          </g>
        );
      })}
    </svg>
  );
}
