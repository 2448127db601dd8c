// Wire shapes of the QuickBooks Online API v3 (shared/spec/qbo-api.md; reference/qbo-notes.md
// §3–§8). Loose objects: QBO returns many fields the sync does not read, and adds new ones
// without a minor version. Empty fields are omitted by QBO; null is accepted for robustness.
import { z } from 'zod';

const text = z.string().nullish();

export const PhoneSchema = z.looseObject({ FreeFormNumber: text });
export const EmailSchema = z.looseObject({ Address: text });

export const PhysicalAddressSchema = z.looseObject({
  Id: text,
  Line1: text,
  Line2: text,
  Line3: text,
  Line4: text,
  Line5: text,
  City: text,
  CountrySubDivisionCode: text,
  PostalCode: text,
  Country: text,
});
export type PhysicalAddress = z.infer<typeof PhysicalAddressSchema>;

export const MetaDataSchema = z.looseObject({ CreateTime: text, LastUpdatedTime: text });

export const CustomerSchema = z.looseObject({
  Id: z.string(),
  // CDC's deleted objects carry little more than Id, status and MetaData.
  SyncToken: text,
  DisplayName: text,
  Title: text,
  GivenName: text,
  MiddleName: text,
  FamilyName: text,
  Suffix: text,
  CompanyName: text,
  PrimaryEmailAddr: EmailSchema.nullish(),
  PrimaryPhone: PhoneSchema.nullish(),
  Mobile: PhoneSchema.nullish(),
  AlternatePhone: PhoneSchema.nullish(),
  Fax: PhoneSchema.nullish(),
  BillAddr: PhysicalAddressSchema.nullish(),
  ShipAddr: PhysicalAddressSchema.nullish(),
  Active: z.boolean().nullish(),
  Job: z.boolean().nullish(),
  ParentRef: z.looseObject({ value: z.string() }).nullish(),
  MetaData: MetaDataSchema.nullish(),
  status: text,
});
export type Customer = z.infer<typeof CustomerSchema>;

/** Vendor and Employee: only what the DisplayName clash check needs. */
export const NameRecordSchema = z.looseObject({
  Id: z.string(),
  DisplayName: text,
  Active: z.boolean().nullish(),
});

export const CustomerEnvelopeSchema = z.looseObject({ Customer: CustomerSchema, time: text });

export const CompanyInfoEnvelopeSchema = z.looseObject({
  CompanyInfo: z.looseObject({ CompanyName: text, LegalName: text }),
});

/** `GET /query`: rows under the entity's name; `QueryResponse: {}` when there are none. */
const paging = { startPosition: z.number().optional(), maxResults: z.number().optional() };

export const CustomerQuerySchema = z.looseObject({
  QueryResponse: z.looseObject({ Customer: z.array(CustomerSchema).optional(), ...paging }),
  time: text,
});

export const VendorQuerySchema = z.looseObject({
  QueryResponse: z.looseObject({ Vendor: z.array(NameRecordSchema).optional(), ...paging }),
  time: text,
});

export const EmployeeQuerySchema = z.looseObject({
  QueryResponse: z.looseObject({ Employee: z.array(NameRecordSchema).optional(), ...paging }),
  time: text,
});

export const CountEnvelopeSchema = z.looseObject({
  QueryResponse: z.looseObject({ totalCount: z.number() }),
  time: text,
});

/** `GET /cdc`: one QueryResponse per requested entity. */
export const CdcEnvelopeSchema = z.looseObject({
  CDCResponse: z.array(
    z.looseObject({
      QueryResponse: z.array(z.looseObject({ Customer: z.array(CustomerSchema).optional() })).optional(),
    }),
  ),
  time: z.string(),
});

// ---------- batch (not used by the sync yet; shape kept for its items' faults) ----------

const FaultErrorSchema = z.looseObject({
  Message: text,
  Detail: text,
  code: z.union([z.string(), z.number()]).transform(String),
  element: text,
});

export const UpperFaultSchema = z.looseObject({
  Fault: z.looseObject({ Error: z.array(FaultErrorSchema), type: text }),
});

/** 401/403 bodies use lower-case keys (qbo-notes §8.2). */
export const LowerFaultSchema = z.looseObject({
  fault: z.looseObject({
    error: z.array(
      z.looseObject({
        message: text,
        detail: text,
        code: z.union([z.string(), z.number()]).transform(String),
        element: text,
      }),
    ),
    type: text,
  }),
});

export const BatchEnvelopeSchema = z.looseObject({
  BatchItemResponse: z.array(
    z.looseObject({
      bId: z.string(),
      Customer: CustomerSchema.optional(),
      Fault: UpperFaultSchema.shape.Fault.optional(),
      QueryResponse: z.looseObject({ Customer: z.array(CustomerSchema).optional() }).optional(),
    }),
  ),
  time: text,
});
