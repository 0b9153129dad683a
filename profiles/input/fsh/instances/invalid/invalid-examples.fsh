// Negative fixtures: each instance must fail validation against the profile in its meta.profile. They are instances of
// the base resource (with meta.profile set by hand) so that SUSHI itself does not reject them. Each carries an
// `// expected:` comment: a substring of the expected issue's expression or message (read by scripts/generate.ts).

Instance: InvalidPatientInsFormat
InstanceOf: Patient
Usage: #example
// expected: parcours-ins-format
* meta.profile = "https://fhir.parcours.fr/StructureDefinition/parcours-patient"
* identifier.system = "urn:oid:1.2.250.1.213.1.4.8"
* identifier.value = "26804593501234"
* name.use = #official
* name.family = "Lefebvre"
* name.given = "Martine"
* gender = #female
* birthDate = "1968-04-12"
* extension[0].url = "http://hl7.org/fhir/StructureDefinition/patient-birthPlace"
* extension[0].valueAddress.city = "Lille"

Instance: InvalidPatientInsWithoutIdentityTraits
InstanceOf: Patient
Usage: #example
// expected: parcours-ins-identity-traits
* meta.profile = "https://fhir.parcours.fr/StructureDefinition/parcours-patient"
* identifier.system = "urn:oid:1.2.250.1.213.1.4.8"
* identifier.value = "268045935012345"
* name.use = #usual
* name.family = "Lefebvre"

Instance: InvalidPractitionerRppsFormat
InstanceOf: Practitioner
Usage: #example
// expected: parcours-rpps-format
* meta.profile = "https://fhir.parcours.fr/StructureDefinition/parcours-practitioner"
* identifier.system = "urn:oid:1.2.250.1.71.4.2.1"
* identifier.value = "2010123456"
* name.family = "Caron"

Instance: InvalidCareTeamPersonNotMember
InstanceOf: CareTeam
Usage: #example
// expected: parcours-careteam-person-member
* meta.profile = "https://fhir.parcours.fr/StructureDefinition/parcours-careteam"
* status = #active
* subject.reference = "Patient/PatientRdrAlcoolExample"
* participant.member.reference = "Practitioner/PractitionerRdrAlcoolWorkerExample"
* participant.role[0] = ParcoursCodeSystemCareTeamRole#intervenant-rdr-alcool
* participant.role[1] = ParcoursCodeSystemCareTeamRole#coordinateur

Instance: InvalidCareTeamWithoutCoordinator
InstanceOf: CareTeam
Usage: #example
// expected: parcours-careteam-coordinator
* meta.profile = "https://fhir.parcours.fr/StructureDefinition/parcours-careteam"
* status = #active
* subject.reference = "Patient/PatientRdrAlcoolExample"
* participant.member.reference = "Patient/PatientRdrAlcoolExample"
* participant.role = ParcoursCodeSystemCareTeamRole#personne

Instance: InvalidCarePlanWithoutCareTeam
InstanceOf: CarePlan
Usage: #example
// expected: careTeam
* meta.profile = "https://fhir.parcours.fr/StructureDefinition/parcours-careplan"
* status = #active
* intent = #plan
* category = ParcoursCodeSystemCarePlanCategory#plan-partage
* subject.reference = "Patient/PatientRdrAlcoolExample"

Instance: InvalidObservationAlcoholWithoutSudLabel
InstanceOf: Observation
Usage: #example
// expected: meta.security
* meta.profile = "https://fhir.parcours.fr/StructureDefinition/parcours-observation-alcohol-use"
* status = #final
* category = $ObsCat#social-history
* code = $LNC#74013-4
* subject.reference = "Patient/PatientRdrAlcoolExample"
* effectiveDateTime = "2024-01-15"
* valueQuantity = 10 '{drinks}/d' "verres standard par jour"

Instance: InvalidObservationAuditCOutOfRange
InstanceOf: Observation
Usage: #example
// expected: parcours-auditc-range
* meta.profile = "https://fhir.parcours.fr/StructureDefinition/parcours-observation-auditc"
* meta.security = $ActCode#SUD
* status = #final
* category = $ObsCat#social-history
* code = $LNC#75626-2
* subject.reference = "Patient/PatientRdrAlcoolExample"
* effectiveDateTime = "2024-03-18"
* valueInteger = 13

Instance: InvalidTaskWithoutOwner
InstanceOf: Task
Usage: #example
// expected: owner
* meta.profile = "https://fhir.parcours.fr/StructureDefinition/parcours-task"
* status = #requested
* intent = #order
* code = ParcoursCodeSystemTaskCode#suivi-post-sortie
* for.reference = "Patient/PatientSortieExample"

Instance: InvalidEncounterStayWithoutDischargeDisposition
InstanceOf: Encounter
Usage: #example
// expected: parcours-encounter-discharge
* meta.profile = "https://fhir.parcours.fr/StructureDefinition/parcours-encounter"
* status = #finished
* class = $ActCode#IMP
* type = ParcoursCodeSystemEncounterType#sejour-hospitalier
* subject.reference = "Patient/PatientSortieExample"

Instance: InvalidAppointmentWithoutPatient
InstanceOf: Appointment
Usage: #example
// expected: parcours-appointment-patient
* meta.profile = "https://fhir.parcours.fr/StructureDefinition/parcours-appointment"
* status = #noshow
* serviceType = ParcoursCodeSystemActivity#consultation-psychologue
* start = "2024-02-19T14:00:00+01:00"
* end = "2024-02-19T14:45:00+01:00"
* participant.actor.reference = "Practitioner/PractitionerResidenceSocialePsychologistExample"
* participant.status = #accepted

Instance: InvalidBundleDischargeWithoutIdentifier
InstanceOf: Bundle
Usage: #example
// expected: identifier
* meta.profile = "https://fhir.parcours.fr/StructureDefinition/parcours-bundle-discharge"
* type = #document
* timestamp = "2024-04-07T11:05:00+02:00"
* entry[0].fullUrl = "https://chu-roubaix.exemple.fr/fhir/Composition/CompositionSortieExample"
* entry[0].resource = CompositionSortieExample
* entry[1].fullUrl = "https://chu-roubaix.exemple.fr/fhir/Patient/PatientSortieExample"
* entry[1].resource = PatientSortieExample
* entry[2].fullUrl = "https://chu-roubaix.exemple.fr/fhir/Encounter/EncounterSortieStayExample"
* entry[2].resource = EncounterSortieStayExample

Instance: InvalidEncounterWorkshopSessionWithSubject
InstanceOf: Encounter
Usage: #example
// expected: parcours-encounter-workshop
* meta.profile = "https://fhir.parcours.fr/StructureDefinition/parcours-encounter"
* extension[0].url = "https://fhir.parcours.fr/StructureDefinition/parcours-outside-participants"
* extension[0].valueUnsignedInt = 4
* status = #finished
* class = $ActCode#AMB
* type = ParcoursCodeSystemEncounterType#atelier-groupe
* subject.reference = "Patient/PatientResidenceSocialeExample"
* partOf.reference = "Encounter/EncounterResidenceSocialeWorkshopSessionExample"

Instance: InvalidEncounterWorkshopParticipantWithoutSession
InstanceOf: Encounter
Usage: #example
// expected: parcours-encounter-workshop
* meta.profile = "https://fhir.parcours.fr/StructureDefinition/parcours-encounter"
* status = #finished
* class = $ActCode#AMB
* type = ParcoursCodeSystemEncounterType#atelier-groupe
* subject.reference = "Patient/PatientResidenceSocialeExample"

Instance: InvalidEncounterLengthInHours
InstanceOf: Encounter
Usage: #example
// expected: parcours-encounter-length-minutes
* meta.profile = "https://fhir.parcours.fr/StructureDefinition/parcours-encounter"
* status = #finished
* class = $ActCode#VR
* type = ParcoursCodeSystemEncounterType#entretien
* subject.reference = "Patient/PatientResidenceSocialeExample"
* length = 1 'h' "h"

Instance: InvalidAppointmentCancelledWithoutReason
InstanceOf: Appointment
Usage: #example
// expected: parcours-appointment-cancelled
* meta.profile = "https://fhir.parcours.fr/StructureDefinition/parcours-appointment"
* status = #cancelled
* appointmentType = $ActCode#AMB
* serviceType = ParcoursCodeSystemActivity#consultation-psychologue
* participant[0].actor.reference = "Patient/PatientResidenceSocialeExample"
* participant[0].status = #accepted

Instance: InvalidTaskOrientationWithoutOutcome
InstanceOf: Task
Usage: #example
// expected: parcours-task-orientation
* meta.profile = "https://fhir.parcours.fr/StructureDefinition/parcours-task"
* status = #requested
* intent = #order
* code = ParcoursCodeSystemTaskCode#orientation
* for.reference = "Patient/PatientResidenceSocialeExample"
* owner.reference = "Practitioner/PractitionerResidenceSocialePsychologistExample"

Instance: InvalidServiceRequestOrientationWithoutPartnerType
InstanceOf: ServiceRequest
Usage: #example
// expected: performerType
* meta.profile = "https://fhir.parcours.fr/StructureDefinition/parcours-servicerequest-orientation"
* status = #active
* intent = #order
* category = $SCT#3457005
* subject.reference = "Patient/PatientResidenceSocialeExample"
* authoredOn = "2024-02-20"
* requester.reference = "Practitioner/PractitionerResidenceSocialePsychologistExample"
