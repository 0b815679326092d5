import { useState, type ReactNode } from 'react';
import { FilterOutlined } from '@ant-design/icons';
import { Badge, Button, Flex } from 'antd';
import { useIsMobile } from '../lib/responsive';

export interface FilterPanelProps {
  /** The filter always in view (usually the search box). */
  primary: ReactNode;
  /** The other filters: inline on wide screens, behind a 筛选 button on phones. */
  children: ReactNode;
  /** How many of the other filters are set (shown on the button). */
  active: number;
}

export function FilterPanel({ primary, children, active }: FilterPanelProps) {
  const mobile = useIsMobile();
  const [open, setOpen] = useState(active > 0);
  if (!mobile) {
    return (
      <Flex wrap gap={8} className="fx-filters">
        {primary}
        {children}
      </Flex>
    );
  }
  return (
    <div className="fx-filters">
      <Flex gap={8}>
        <div className="fx-filter-primary">{primary}</div>
        <Badge count={active} size="small">
          <Button
            icon={<FilterOutlined />}
            type={open ? 'primary' : 'default'}
            aria-expanded={open}
            onClick={() => setOpen(!open)}
          >
            筛选
          </Button>
        </Badge>
      </Flex>
      {open ? (
        <Flex vertical gap={8} style={{ marginTop: 8 }}>
          {children}
        </Flex>
      ) : null}
    </div>
  );
}
