import type { SlotStatus } from '../../api/consultingSlots';

/**
 * How a specialist reads each status the schema names: its label, the status its toggle button moves to and what that
 * button says, and what a change to it did ("opened" for booking).
 */
export const slotStatus: Record<SlotStatus, { label: string; toggle: SlotStatus; toggleLabel: string; reached: string }> = {
  active: { label: 'Active', toggle: 'inactive', toggleLabel: 'Deactivate', reached: 'opened' },
  inactive: { label: 'Inactive', toggle: 'active', toggleLabel: 'Activate', reached: 'closed' },
};
