import type { ReactNode } from 'react';
import { Drawer, Modal } from 'antd';
import { useIsMobile } from '../lib/responsive';

export interface SheetProps {
  open: boolean;
  title: ReactNode;
  onClose: () => void;
  /** Buttons at the bottom (full width on a phone, where the thumb is). */
  footer?: ReactNode;
  /** While something is being sent the sheet stays open. */
  closable?: boolean;
  children: ReactNode;
}

/** A short confirmation: a sheet rising from the bottom on a phone, a dialog on wide screens. */
export function Sheet({ open, title, onClose, footer, closable = true, children }: SheetProps) {
  const mobile = useIsMobile();
  if (mobile) {
    return (
      <Drawer
        open={open}
        placement="bottom"
        size="auto"
        title={title}
        onClose={closable ? onClose : undefined}
        closable={closable}
        mask={{ closable }}
        keyboard={closable}
        footer={footer}
        className="fx-sheet"
        styles={{ body: { paddingBlock: 12 }, footer: { padding: 12 } }}
      >
        {children}
      </Drawer>
    );
  }
  return (
    <Modal
      open={open}
      title={title}
      onCancel={onClose}
      closable={closable}
      mask={{ closable }}
      keyboard={closable}
      footer={footer ?? null}
      width={480}
    >
      {children}
    </Modal>
  );
}
