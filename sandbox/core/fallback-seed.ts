// TEMPORARY: a tiny seed used only until sandbox/demo/index.ts (the sandbox-karbon engineer's
// demoState/generateState) lands. server.ts prefers theirs as soon as the file exists.
import { emptyKarbonState } from '../karbon/state';
import type { SandboxState } from './state';

export function fallbackDemoState(realmId: string): SandboxState {
  return {
    qbo: {
      realmId,
      Customer: [
        {
          Id: '1',
          DisplayName: 'Amy Lee',
          GivenName: 'Amy',
          FamilyName: 'Lee',
          PrimaryEmailAddr: { Address: 'amy@example.com' },
        },
        { Id: '2', DisplayName: 'Harbour Cafe Pty Ltd', CompanyName: 'Harbour Cafe Pty Ltd' },
        { Id: '3', DisplayName: 'Old Client', Active: false },
        { Id: '4', DisplayName: 'Harbour Cafe Fitout', Job: true, ParentRef: { value: '2' } },
      ],
      Vendor: [{ Id: '1', DisplayName: 'Blue Gum Supplies' }],
      Employee: [{ Id: '1', DisplayName: 'Sam Carter', GivenName: 'Sam', FamilyName: 'Carter' }],
    },
    karbon: emptyKarbonState(),
  };
}

export function fallbackGeneratedState(realmId: string, n: number): SandboxState {
  const Customer = Array.from({ length: n }, (_, i) => ({
    DisplayName: `Generated Customer ${String(i + 1).padStart(6, '0')}`,
    PrimaryEmailAddr: { Address: `customer${i + 1}@example.com` },
  }));
  return { qbo: { realmId, Customer, Vendor: [], Employee: [] }, karbon: emptyKarbonState() };
}
