// Intake: what happens between receiving a message and answering the sender. Convert and validate, then commit to
// the inbox, then answer. A message that will always fail (unreadable, unsupported, invalid content, or a bug met
// while converting it) is answered as a permanent error (HL7 AE/AR, HTTP 4xx) with a sentence and a reference, kept
// as a dead letter for the operator, and logged with that reference; only an inbox that cannot be written is
// "resend later" (AR, HTTP 503). Shared by HTTP (FHIR and HL7 v2) and MLLP.
import type { Hl7Message } from '@medplum/core';
import type { Bundle, OperationOutcome } from '@medplum/fhirtypes';
import { ProfileUrl } from '@parcours/profiles';
import { hasErrors, validate } from '@parcours/validator';
import { describeForLog } from './failures.ts';
import { buildAck, headerGuess } from './hl7/ack.ts';
import { convertAdtA03 } from './hl7/adt.ts';
import type { Hl7ConversionOptions } from './hl7/adt.ts';
import { Hl7Rejection, readHeader } from './hl7/er7.ts';
import type { AckCode, MessageHeader } from './hl7/er7.ts';
import type { Inbox, InboxMessage, MessageSource } from './inbox.ts';
import { OutcomeError, bilingual, issue, outcome, outcomeText, unprocessable } from '@parcours/outcomes';

export interface Hl7Answer {
  code: AckCode;
  ack: string;
  text: string;
  /** HTTP status for the HL7-over-HTTP route: 200 AA, 422 AE, 400 AR, 503 when the sender should resend later. */
  httpStatus: number;
  message?: InboxMessage;
}

export interface Intake {
  acceptBundle(body: unknown, sender: string): { message: InboxMessage; duplicate: boolean };
  acceptHl7(text: string, source: MessageSource, sender: string): Hl7Answer;
}

export interface IntakeOptions extends Hl7ConversionOptions {
  onAccepted(): void;
  log?: (line: string) => void;
}

export function bundleKey(bundle: Bundle): string {
  return `${bundle.identifier?.system ?? ''}|${bundle.identifier?.value ?? ''}`;
}

/** The inbox could not be written: the only intake failure a sender should retry. */
class InboxUnavailable extends Error {
  constructor(cause: unknown) {
    super('inbox unavailable', { cause });
    this.name = 'InboxUnavailable';
  }
}

interface Context {
  inbox: Inbox;
  options: IntakeOptions;
  log: (line: string) => void;
}

function store(ctx: Context, input: Parameters<Inbox['accept']>[0]): { message: InboxMessage; duplicate: boolean } {
  try {
    return ctx.inbox.accept(input);
  } catch (error) {
    throw new InboxUnavailable(error);
  }
}

/** Keeps a refused message as a dead letter (its reference is the dead letter's id); undefined if the inbox is down. */
function deadLetter(ctx: Context, source: MessageSource, sender: string, raw: string, reason: string): InboxMessage | undefined {
  try {
    return ctx.inbox.reject({ source, sender, raw, reason });
  } catch (error) {
    ctx.log(`[exchange] refused message not kept: inbox unavailable (${describeForLog(error)})`);
    return undefined;
  }
}

function acceptBundle(ctx: Context, body: unknown, sender: string): { message: InboxMessage; duplicate: boolean } {
  const bundle = body as Bundle;
  if (!bundle || typeof bundle !== 'object' || bundle.resourceType !== 'Bundle') {
    throw new OutcomeError(outcome('invalid', issue('error', 'structure', 'Bundle', bilingual('Un Bundle FHIR est attendu', 'A FHIR Bundle is expected'))));
  }
  let result: OperationOutcome;
  try {
    result = validate(bundle, { profile: ProfileUrl.DischargeBundle, unknownExtensions: 'information' });
  } catch (error) {
    const dead = deadLetter(ctx, 'fhir', sender, JSON.stringify(bundle), 'Erreur inattendue pendant la validation / unexpected error while validating');
    const ref = dead?.id ?? 'none';
    ctx.log(`[exchange] bundle refused ref=${ref}: unexpected error while validating: ${describeForLog(error)}`);
    throw new OutcomeError(outcome('business-rule', issue('error', 'processing', undefined, bilingual(
      `Le lot n'a pas pu être traité (réf. ${ref}) ; le renvoyer tel quel échouera de même`,
      `The bundle could not be processed (ref ${ref}); sending it again unchanged will fail the same way`))));
  }
  if (hasErrors(result)) {
    const dead = deadLetter(ctx, 'fhir', sender, JSON.stringify(bundle), `Non conforme / not conformant: ${outcomeText(result)}`);
    ctx.log(`[exchange] bundle refused ref=${dead?.id ?? 'none'}: not conformant to ${ProfileUrl.DischargeBundle}`);
    throw new OutcomeError(unprocessable(dead ? { ...result, issue: [...(result.issue ?? []), issue('information', 'informational', undefined, bilingual(`Réf. ${dead.id}`, `Ref ${dead.id}`))] } : result));
  }
  try {
    const accepted = store(ctx, { key: bundleKey(bundle), source: 'fhir', sender, bundle: JSON.stringify(bundle) });
    if (!accepted.duplicate) ctx.options.onAccepted();
    return accepted;
  } catch (error) {
    ctx.log(`[exchange] bundle not stored, sender asked to resend: ${describeForLog((error as Error).cause ?? error)}`);
    throw new OutcomeError(outcome('unavailable', issue('error', 'transient', undefined, bilingual('Boîte de réception indisponible, renvoyer plus tard', 'Inbox unavailable, resend later'))), { headers: { 'Retry-After': '5' }, cause: error });
  }
}

function acceptHl7(ctx: Context, text: string, source: MessageSource, sender: string): Hl7Answer {
  let header: Partial<MessageHeader> = {};
  let parsed: Hl7Message | undefined;
  const answer = (code: AckCode, ackText: string, httpStatus: number, errorCode?: string, message?: InboxMessage): Hl7Answer => {
    const known = header.controlId ? header : headerGuess(text);
    return { code, ack: buildAck(parsed, known, code, ackText, errorCode), text: ackText, httpStatus, ...(message ? { message } : {}) };
  };
  try {
    const conversion = convertAdtA03(text, ctx.options);
    header = conversion.header;
    parsed = conversion.message;
    const result = validate(conversion.bundle, { profile: ProfileUrl.DischargeBundle, unknownExtensions: 'information' });
    if (hasErrors(result)) {
      throw new Hl7Rejection('AE', `Contenu non conforme au profil de sortie : ${outcomeText(result)}`, 'Content does not conform to the discharge profile');
    }
    const { message, duplicate } = store(ctx, {
      key: bundleKey(conversion.bundle), source, sender, bundle: JSON.stringify(conversion.bundle), raw: text, warnings: conversion.warnings,
    });
    if (!duplicate) ctx.options.onAccepted();
    const note = duplicate ? 'Message déjà reçu, non réappliqué / already received, not applied again' : 'Message reçu et enregistré / received and stored';
    return answer('AA', [note, ...conversion.warnings].join(' ; '), 200, undefined, message);
  } catch (error) {
    if (error instanceof InboxUnavailable) {
      ctx.log(`[exchange] HL7 message not stored, sender asked to resend: ${describeForLog(error.cause)}`);
      return answer('AR', 'Boîte de réception indisponible, renvoyer plus tard / inbox unavailable, resend later', 503);
    }
    if (error instanceof Hl7Rejection) {
      if (error.source) {
        parsed = error.source;
        header = readHeader(error.source);
      }
      const dead = deadLetter(ctx, source, sender, text, error.message);
      ctx.log(`[exchange] HL7 message refused ref=${dead?.id ?? 'none'} (${error.ack} ${error.errorCode})`);
      return answer(error.ack, `${error.message}${dead ? ` (réf. / ref ${dead.id})` : ''}`, error.ack === 'AE' ? 422 : 400, error.errorCode);
    }
    const dead = deadLetter(ctx, source, sender, text, 'Erreur inattendue pendant la conversion / unexpected error while converting');
    const ref = dead?.id ?? 'none';
    ctx.log(`[exchange] HL7 message refused ref=${ref}: unexpected error while converting: ${describeForLog(error)}`);
    return answer('AE',
      `Message non traité à cause d'une erreur du récepteur (réf. ${ref}) ; le renvoyer tel quel échouera de même / not processed because of a receiver error (ref ${ref}); sending it again unchanged will fail the same way`,
      422, '207');
  }
}

export function createIntake(inbox: Inbox, options: IntakeOptions): Intake {
  const ctx: Context = { inbox, options, log: options.log ?? ((): void => undefined) };
  return {
    acceptBundle: (body, sender) => acceptBundle(ctx, body, sender),
    acceptHl7: (text, source, sender) => acceptHl7(ctx, text, source, sender),
  };
}
