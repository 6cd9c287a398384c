/**
 * The independent seed inventory (../shared/seed-inventory.json, beside the repo in CI): the
 * coverage oracle every suite compares against. One typed loader instead of one per suite.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const INVENTORY_PATH = path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'seed-inventory.json');

export interface InventoryParameter {
  in: string;
  name: string;
  required: boolean;
  /** Raw Schema column. */
  schema: string;
  /** Raw Default column; null = no default cell, '' = empty cell. */
  default: string | null;
}

export interface InventoryOperation {
  operationName: string;
  method: string;
  path: string;
  state: string;
  status: string;
  supportedUntil: string;
  description: string;
  parameters: InventoryParameter[];
  responses: { code: string; schema: string }[];
  hasRequestExample: boolean;
  hasResponseExample: boolean;
  exampleResponseCode: string;
  requestPathExample: string;
  sources: string[];
}

export interface InventoryModel {
  name: string;
  fieldCount: number;
  requiredFieldCount: number;
  usedByVersions: string[];
  fields: { name: string; required: boolean; schema: string; default: string | null; constraints: [string, string][] }[];
}

export interface InventoryService {
  title: string;
  baseUrl: string | null;
  environments: { environment: string; region: string }[] | null;
  serviceVersionTable: { version: string; status: string; supportedUntil: string }[] | null;
  sourceFiles: string[];
  versions: Record<string, InventoryOperation[]>;
  /** null for aimlops-platform, which has no Models section. */
  models: InventoryModel[] | null;
  referencedModels?: { name: string }[];
}

export interface Inventory {
  services: Record<string, InventoryService>;
}

export function inventoryExists(): boolean {
  return existsSync(INVENTORY_PATH);
}

let cached: Inventory | undefined;
export function loadInventory(): Inventory {
  if (cached) return cached;
  if (!inventoryExists()) throw new Error(`seed-inventory.json not found at ${INVENTORY_PATH}`);
  cached = JSON.parse(readFileSync(INVENTORY_PATH, 'utf8')) as Inventory;
  return cached;
}
