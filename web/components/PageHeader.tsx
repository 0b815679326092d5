import type { ReactNode } from 'react';
import { Flex, Typography } from 'antd';

export interface PageHeaderProps {
  title: ReactNode;
  subtitle?: ReactNode;
  /** Buttons on the right (below the title on a phone). */
  extra?: ReactNode;
  /** A breadcrumb or a back link above the title. */
  top?: ReactNode;
}

export function PageHeader({ title, subtitle, extra, top }: PageHeaderProps) {
  return (
    <div className="fx-page-header">
      {top}
      <Flex wrap gap={12} align="center" justify="space-between">
        <div className="fx-page-title">
          <Typography.Title level={3} style={{ margin: 0 }}>
            {title}
          </Typography.Title>
          {subtitle ? <Typography.Text type="secondary">{subtitle}</Typography.Text> : null}
        </div>
        {extra ? (
          <Flex wrap gap={8}>
            {extra}
          </Flex>
        ) : null}
      </Flex>
    </div>
  );
}
