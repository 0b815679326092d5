import { Card } from 'antd';
import type { FigureSums } from '../../../common/contracts/daily-reports';
import { FIGURE_KEYS, FIGURE_LABELS } from '../../../common/contracts/daily-reports';
import { formatCount } from '../../lib/format';
import { ALARM_KEYS, FIGURE_UNITS } from './labels';

/** The figures of the day's reports, summed over the region. */
export function FigureSumsCard({ figures, reports }: { figures: FigureSums; reports: number }) {
  return (
    <Card
      size="small"
      title="数据汇总"
      extra={<span className="fx-muted fx-small">来自 {reports} 份日报告</span>}
      className="fx-block"
      data-testid="figure-sums"
    >
      <div className="fx-sent-grid fx-sums-grid">
        {FIGURE_KEYS.map((key) => {
          const alarm = ALARM_KEYS.includes(key) && figures[key] > 0;
          return (
            <div key={key} className={alarm ? 'fx-sent-item fx-alarm' : 'fx-sent-item'}>
              <span className="fx-sent-label">{FIGURE_LABELS[key]}</span>
              <b>
                {formatCount(figures[key])}
                <small> {FIGURE_UNITS[key]}</small>
              </b>
            </div>
          );
        })}
      </div>
    </Card>
  );
}
