import { Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { RescueFigures, RescuePerson } from '../../../common/contracts/rescue';
import {
  RESCUE_CATEGORY_LABELS,
  RESCUE_SEX_LABELS,
  RESCUE_STATUS_LABELS,
  type RescueStatus,
} from '../../../common/enums';
import { formatMinute } from '../../lib/format';

const STATUS_COLORS: Record<RescueStatus, string> = {
  found: 'orange',
  helped: 'blue',
  screening: 'magenta',
  placed: 'green',
  returned: 'cyan',
  closed: 'default',
};

export const StatusTag = ({ status }: { status: RescueStatus }) => (
  <Tag color={STATUS_COLORS[status]}>{RESCUE_STATUS_LABELS[status]}</Tag>
);

/** Minors are flagged everywhere: they go to health screening before a station takes them. */
export const MinorTag = ({ minor }: { minor: boolean }) => (minor ? <Tag color="red">未成年人</Tag> : null);

export const personTitle = (p: Pick<RescuePerson, 'nameMasked' | 'sex' | 'approxAge'>) =>
  `${p.nameMasked ?? '姓名不详'}（${RESCUE_SEX_LABELS[p.sex]}${p.approxAge !== null ? `，约 ${p.approxAge} 岁` : ''}）`;

/** One person as a card on a phone. */
export function PersonCard({ p }: { p: RescuePerson }) {
  return (
    <Link to={`/rescue/persons/${p.id}`} className="fx-tr-link">
      <div className="fx-tr-card-head">
        <Typography.Text strong className="fx-tr-name">
          {personTitle(p)}
        </Typography.Text>
        <span>
          <MinorTag minor={p.minor} />
          <StatusTag status={p.status} />
        </span>
      </div>
      <div className="fx-tr-meta">
        <span>{RESCUE_CATEGORY_LABELS[p.category]}</span>
        <span>{formatMinute(p.foundAt)}</span>
        <span className="fx-tr-name">{p.regionName}</span>
      </div>
      <div className="fx-tr-meta fx-tr-name">{p.foundPlace}</div>
    </Link>
  );
}

const FIGURES: { key: keyof RescueFigures; label: string }[] = [
  { key: 'found', label: '发现' },
  { key: 'minors', label: '其中未成年人' },
  { key: 'helped', label: '已救助' },
  { key: 'awaitingScreening', label: '待筛查' },
  { key: 'placed', label: '已安置' },
  { key: 'returned', label: '已返乡' },
];

export function Figures({ figures }: { figures: RescueFigures }) {
  return (
    <div className="fx-tr-stats fx-block">
      {FIGURES.map((f) => (
        <div key={f.key} className="fx-tr-stat">
          <div className="fx-tr-stat-label">{f.label}</div>
          <div
            className={`fx-tr-stat-value${f.key === 'awaitingScreening' && figures[f.key] > 0 ? ' fx-tr-over' : ''}`}
          >
            {figures[f.key]}
          </div>
        </div>
      ))}
    </div>
  );
}
