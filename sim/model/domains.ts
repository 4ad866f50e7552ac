/** The 12 decision bits and their four domains (docs/ODD.md §2). */

/** Number of decision bits. */
export const N_BITS = 12;
/** Number of configurations of the decision bits. */
export const N_CONFIGS = 1 << N_BITS;
/** Domain indexes. */
export const PRODUCT = 0;
export const PROCESS = 1;
export const ORG = 2;
export const MARKETING = 3;
/** Domain names in index order (used for output columns). */
export const DOMAIN_NAMES = ['product', 'process', 'org', 'marketing'] as const;
/** Bit masks of the domains: product 0–3, process 4–6, organisational 7–9, marketing 10–11. */
export const DOMAIN_MASK = [0x00f, 0x070, 0x380, 0xc00] as const;
/** Number of bits in each domain. */
export const DOMAIN_SIZE = [4, 3, 3, 2] as const;
/** The logistics interface: bits 0 and 4–6. */
export const INTERFACE_MASK = 0x071;
/** The domain of each bit. */
export const DOMAIN_OF_BIT: readonly number[] = Array.from({ length: N_BITS }, (_, b) =>
  DOMAIN_MASK.findIndex((m) => (m >> b) & 1),
);
/** Every bit. */
export const ALL_BITS = N_CONFIGS - 1;

/** Domains in which each partner type proposes, as a bit mask, in PARTNER_TYPES order. */
export const PARTNER_DOMAIN_MASK = [
  DOMAIN_MASK[PROCESS] | DOMAIN_MASK[PRODUCT], // supplier
  DOMAIN_MASK[PRODUCT] | DOMAIN_MASK[MARKETING], // customer
  ALL_BITS, // competitor
  DOMAIN_MASK[ORG] | DOMAIN_MASK[MARKETING], // consultant
  DOMAIN_MASK[PRODUCT] | DOMAIN_MASK[PROCESS], // university
  DOMAIN_MASK[PROCESS] | DOMAIN_MASK[PRODUCT], // research institute
] as const;

/** Partner type indexes (same order as PARTNER_TYPES). */
export const T_SUPPLIER = 0;
export const T_CUSTOMER = 1;
export const T_COMPETITOR = 2;
export const T_CONSULTANT = 3;
export const T_UNIVERSITY = 4;
export const T_RESEARCH = 5;
export const N_TYPES = 6;
