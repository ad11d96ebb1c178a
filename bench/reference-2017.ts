/**
 * The published 2017 national figures the consolidation must reproduce, copied from `shared/reference/`
 * (`clause-2017-national-headline.csv`, `plie-2017-table1-flows.csv`, rows all/total, gender/men, gender/women).
 * The 2016 clause values are those of `CONSOLIDATION-FORMAT.md`, consistent with the published changes
 * (+14.9 %, +10.67 %, +17.41 %, +13 %).
 */
export const CLAUSE_2017 = {
  insertionHours: { value: 13_279_000, previous: 11_557_006, changePct: 14.9 },
  workContracts: { value: 48_585, previous: 43_901, changePct: 10.67 },
  participants: { value: 34_274, previous: 29_192, changePct: 17.41 },
  buyers: { value: 2_400 },
  operations: { value: 8_186 },
  markets: { value: 34_022 },
  companies: { value: 17_896, previous: 15_837, changePct: 13 },
  reportingStructures: 180,
};

/** Table 1 counts by gender; the total row is their sum (checked by the unit test of the generator). */
export const PLIE_2017_TABLE1 = {
  total: { entries: 32306, inPathway: 100550, carriedOver: 68244, positiveExits: 13618, positiveExitsEmployment: 10484, positiveExitsTraining: 2450, exitsWithoutFollowUp: 17755, dropouts: 6363, movedDiedRetired: 2518, otherExits: 8874, positiveExitRatePct: 43 },
  men: { entries: 15929, inPathway: 50238, carriedOver: 34309, positiveExits: 6592, positiveExitsEmployment: 5148, positiveExitsTraining: 1118, exitsWithoutFollowUp: 9326, dropouts: 3511, movedDiedRetired: 1246, otherExits: 4569, positiveExitRatePct: 41 },
  women: { entries: 16377, inPathway: 50312, carriedOver: 33935, positiveExits: 7026, positiveExitsEmployment: 5336, positiveExitsTraining: 1332, exitsWithoutFollowUp: 8429, dropouts: 2852, movedDiedRetired: 1272, otherExits: 4305, positiveExitRatePct: 45 },
};

/** Shares of the reference's other Table 1 rows (entries column), used to draw the participants' situations. */
export const PLIE_2017_SHARES = {
  ageBand: { '15_24': 2700, '25_44': 19550, '45_54': 7267, '55_64': 2765, '65_plus': 23 },
  level: { VI: 4218, V_BIS: 6690, V: 10806, IV: 5422, III: 1900, II: 818, I: 655, '9': 1621, UNKNOWN: 176 },
  inactivity: { UNDER_1_YEAR: 2748, '1_TO_2_YEARS': 1841, '2_TO_3_YEARS': 1247, '3_TO_5_YEARS': 1491, OVER_5_YEARS: 2107, NEVER_WORKED: 7775, NONE: 15097 },
  steps: { MOBILISATION: 59077, PATHWAY_JOB_IAE: 16671, PATHWAY_JOB_SUBSIDISED: 4020, PATHWAY_JOB_UNSUBSIDISED: 31190, EXIT_JOB: 19699, TRAINING_QUALIFYING: 8476, TRAINING_NON_QUALIFYING: 16347, EMPLOYMENT_MEDIATION: 29808, BUSINESS_CREATION: 875 },
};
