// The components as a library for host apps (`npm run build:lib`, packed from web/lib): ESM, React and react-query as
// the host's own (peer dependencies), and one stylesheet, `@consulting-slots/components/styles.css`, whose every rule
// applies inside the provider's `.slots-root` element and nowhere else in the host's page.
import type { ReactNode } from 'react';
import type { SlotsApiConfig } from '../app/api/consultingSlots';
import { SlotsApiProvider as ApiProvider } from '../app/hooks/SlotsApiContext';

export type { SlotsApiConfig } from '../app/api/consultingSlots';
export { ManageSlots } from '../app/components/ConsultingSlots/ManageSlots';
export { SpecialistProfile } from '../app/components/SpecialistProfile';
export { MyBookings } from '../app/components/MyBookings';
export { FindSpecialists } from '../app/components/FindSpecialists';
export { useSlotsApi } from '../app/hooks/SlotsApiContext';

/**
 * Gives the components their API (its base URL, the host's token provider, what to do on a 401) and their look: the
 * components' styles apply inside the element this renders, and nowhere else on the host's page. Inside the host's own
 * react-query `QueryClientProvider`.
 */
export function SlotsApiProvider({ children, className, ...config }: SlotsApiConfig & { children: ReactNode; className?: string }) {
  return (
    <div className={className ? `slots-root ${className}` : 'slots-root'}>
      <ApiProvider {...config}>{children}</ApiProvider>
    </div>
  );
}
