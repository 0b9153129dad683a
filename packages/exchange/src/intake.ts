// Intake: what happens between receiving a message and answering the sender. Validate (nothing is stored when
// the content is invalid), then commit to the inbox, then answer. Shared by HTTP (FHIR and HL7 v2) and MLLP.
import type { Bundle } from '@medplum/fhirtypes';
import { ProfileUrl } from '@parcours/profiles';
import { hasErrors, validate } from '@parcours/validator';
import { convertAdtA03 } from './hl7/adt.ts';
import type { Hl7ConversionOptions } from './hl7/adt.ts';
import { Hl7Rejection, buildAck } from './hl7/er7.ts';
import type { AckCode, MessageHeader } from './hl7/er7.ts';
import type { Inbox, InboxMessage, MessageSource } from './inbox.ts';
import { OutcomeError, bilingual, issue, outcome, outcomeText, unprocessable } from '@parcours/outcomes';

export interface Intake {
  acceptBundle(body: unknown, sender: string): { message: InboxMessage; duplicate: boolean };
  acceptHl7(text: string, source: MessageSource, sender: string): { code: AckCode; ack: string; text: string; message?: InboxMessage };
}

export function bundleKey(bundle: Bundle): string {
  return `${bundle.identifier?.system ?? ''}|${bundle.identifier?.value ?? ''}`;
}

export function createIntake(inbox: Inbox, options: Hl7ConversionOptions & { onAccepted(): void }): Intake {
  const acceptBundle = (body: unknown, sender: string): { message: InboxMessage; duplicate: boolean } => {
    const bundle = body as Bundle;
    if (!bundle || typeof bundle !== 'object' || bundle.resourceType !== 'Bundle') {
      throw new OutcomeError(outcome('invalid', issue('error', 'structure', 'Bundle', bilingual('Un Bundle FHIR est attendu', 'A FHIR Bundle is expected'))));
    }
    const result = validate(bundle, { profile: ProfileUrl.DischargeBundle });
    if (hasErrors(result)) throw new OutcomeError(unprocessable(result));
    try {
      const accepted = inbox.accept({ key: bundleKey(bundle), source: 'fhir', sender, bundle: JSON.stringify(bundle) });
      if (!accepted.duplicate) options.onAccepted();
      return accepted;
    } catch (error) {
      // The cause goes to the server's log (with the correlation id), not to the sender.
      throw new OutcomeError(outcome('unavailable', issue('error', 'transient', undefined, bilingual('Boîte de réception indisponible, réessayer plus tard', 'Inbox unavailable, retry later'))), { cause: error, headers: { 'Retry-After': '5' } });
    }
  };

  const acceptHl7 = (text: string, source: MessageSource, sender: string): { code: AckCode; ack: string; text: string; message?: InboxMessage } => {
    let header: Partial<MessageHeader> = {};
    try {
      const conversion = convertAdtA03(text, options);
      header = conversion.header;
      const result = validate(conversion.bundle, { profile: ProfileUrl.DischargeBundle });
      if (hasErrors(result)) {
        throw new Hl7Rejection('AE', `Contenu non conforme au profil de sortie : ${outcomeText(result)}`, 'Content does not conform to the discharge profile');
      }
      const { message, duplicate } = inbox.accept({
        key: bundleKey(conversion.bundle),
        source,
        sender,
        bundle: JSON.stringify(conversion.bundle),
        raw: text,
        warnings: conversion.warnings,
      });
      if (!duplicate) options.onAccepted();
      const note = duplicate ? 'Message déjà reçu, non réappliqué / already received, not applied again' : 'Message reçu et enregistré / received and stored';
      const ackText = [note, ...conversion.warnings].join(' ; ');
      return { code: 'AA', ack: buildAck(header, 'AA', ackText), text: ackText, message };
    } catch (error) {
      if (error instanceof Hl7Rejection) {
        if (!header.controlId) header = headerGuess(text);
        return { code: error.ack, ack: buildAck(header, error.ack, error.message, error.errorCode), text: error.message };
      }
      const message = `Erreur interne, renvoyer plus tard / internal error, resend later: ${(error as Error).message}`;
      return { code: 'AR', ack: buildAck(header.controlId ? header : headerGuess(text), 'AR', message), text: message };
    }
  };

  return { acceptBundle, acceptHl7 };
}

/** Best-effort header of an unparseable message, so the ACK still names its control id and event. */
function headerGuess(text: string): Partial<MessageHeader> {
  const msh = text.replaceAll('\u000b', '').trimStart().split(/\r|\n/)[0] ?? '';
  if (!msh.startsWith('MSH') || msh.length < 5) return {};
  const fields = msh.split(msh.charAt(3));
  const componentSeparator = msh.charAt(4);
  const first = (i: number, component = 0): string => (fields[i] ?? '').split(componentSeparator)[component] ?? '';
  return {
    sendingApplication: first(2),
    sendingFacility: first(3),
    receivingApplication: first(4),
    receivingFacility: first(5),
    triggerEvent: first(8, 1),
    controlId: first(9),
    processingId: first(10) || 'P',
    version: first(11) || '2.5',
  };
}
