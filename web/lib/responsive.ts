import { Grid } from 'antd';

/** True on phone-sized screens (below antd's `md`, 768 px), where tables become cards and menus a drawer. */
export function useIsMobile(): boolean {
  const screens = Grid.useBreakpoint();
  // Before the first measurement every breakpoint is undefined: assume a phone, the narrower layout.
  return !screens.md;
}
