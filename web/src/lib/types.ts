// The shapes of the API's answers (see src/api/openapi.json).

export type Role = 'administrator' | 'secretariat' | 'national_member' | 'prosecutor' | 'analyst' | 'observer';

export interface User {
  id: number;
  username: string;
  display_name: string;
  role: Role;
  desk: string | null;
  disabled: boolean;
  created_at: string;
}

export interface SessionInfo {
  user: User;
  csrf_token?: string;
}

export interface LoginResult {
  user: User;
  csrf_token: string;
  expires_in_seconds: number;
}

export interface StageChange {
  stage: string;
  date: string;
  changed_by: number;
  recorded_at: string;
}

export interface Case {
  id: number;
  desk: string;
  reference: string;
  title: string;
  summary: string;
  offences: string[];
  stage: string;
  stage_date: string;
  stage_history: StageChange[];
  sensitivity: string;
  shared_with: string[];
  retention_review: string;
  entity_count: number;
  created_by: number;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export interface Entity {
  id: number;
  case_id: number;
  ftm_id: string;
  schema: string;
  caption: string;
  properties: Record<string, string[]>;
  source: string;
  created_by: number;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface SchemaProperty {
  name: string;
  label: string;
  type: string;
  range?: string;
}

export interface Schema {
  name: string;
  label: string;
  plural: string;
  extends: string[];
  required: string[];
  featured: string[];
  edge: boolean;
  properties: SchemaProperty[];
}

export interface Desk {
  code: string;
  name: string;
  group: string;
}

export interface Vocabulary {
  offence_types: string[];
  stages: string[];
  sensitivity_levels: string[];
  roles: string[];
}

export interface AuditRecord {
  seq: number;
  time: string;
  user: string;
  desk: string;
  action: string;
  object: string;
  case_id: number | null;
  outcome: string;
  request_id: string;
  detail: string;
  hash: string;
}

export interface AuditVerification {
  intact: boolean;
  records: number;
  first_bad_seq: number | null;
  problem: string;
  head_hash: string;
}

export interface ImportReport {
  created: number;
  updated: number;
  unchanged: number;
  errors: string[];
}

export interface CaseCount {
  desk: string;
  stage: string;
  year: number;
  count: number;
}
