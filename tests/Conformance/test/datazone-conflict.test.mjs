// DataZone CancelMetadataGenerationRun refused in the form the model lists: ConflictException (409). The emulator
// answers it when its setting dataZoneCancelRefusal says so; the setting is process-wide, so this file has an
// emulator of its own (datazone.test.mjs covers the ValidationException form of the API reference's example).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  CancelMetadataGenerationRunCommand,
  ConflictException,
  GetMetadataGenerationRunCommand,
} from '@aws-sdk/client-datazone';
import { entriesFor, expectServiceError, uid, useEmulator } from './support.mjs';

const ctx = useEmulator({ settings: { dataZoneCancelRefusal: 'ConflictException' } });

describe('DataZone CancelMetadataGenerationRun, conflict form', () => {
  for (const status of ['SUCCEEDED', 'CANCELED', 'FAILED']) {
    test(`${status} cannot be cancelled: ConflictException 409, a modelled error the SDK maps to its class`, async () => {
      const domainId = `dzd_${uid('d').replace(/-/g, '').slice(-30)}`, id = uid('mgr');
      await ctx.control.seed({ dataZone: [{ domainId, id, status, type: 'BUSINESS_NAMES', owningProjectId: 'prj1', targetIdentifier: 'asset-1' }] });
      const client = ctx.client('datazone');
      await expectServiceError(() => client.send(new CancelMetadataGenerationRunCommand({ domainIdentifier: domainId, identifier: id })), ConflictException, 409);
      const run = await client.send(new GetMetadataGenerationRunCommand({ domainIdentifier: domainId, identifier: id }));
      assert.equal(run.status, status);
      const [entry] = entriesFor(await ctx.control.requests(), 'CancelMetadataGenerationRun');
      assert.equal(entry.errorCode, 'ConflictException');
    });
  }
});
