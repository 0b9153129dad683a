// Scenario (seed: health-pathway-referents-tandem): Nadia, followed by a health-pathway referent who accompanies her to
// appointments and helps her reopen her health-insurance rights.

Instance: PatientReferentExample
InstanceOf: ParcoursPatient
Title: "Nadia Bouzid (référent parcours santé)"
Usage: #example
* identifier[INS].system = "urn:oid:1.2.250.1.213.1.4.8"
* identifier[INS].value = "290032A00412345"
* identifier[INS].use = #official
* name[0].use = #official
* name[0].family = "Bouzid"
* name[0].given = "Nadia"
* gender = #female
* birthDate = "1990-03-17"
* extension[birthPlace].valueAddress.city = "Ajaccio"
* extension[birthPlace].valueAddress.postalCode = "2A004"
* extension[birthPlace].valueAddress.country = "FRA"

Instance: PractitionerReferentExample
InstanceOf: ParcoursPractitioner
Title: "Hugo Lambert, référent parcours santé (pas de RPPS)"
Usage: #example
* name.family = "Lambert"
* name.given = "Hugo"

Instance: CareTeamReferentExample
InstanceOf: ParcoursCareTeam
Title: "L'équipe de Nadia"
Usage: #example
* status = #active
* subject = Reference(PatientReferentExample)
* insert Member(0, PatientReferentExample, personne, 2024-02-01)
* insert Member(1, PractitionerReferentExample, referent-parcours-sante, 2024-02-01)
* participant[1].role[+] = ParcoursCodeSystemCareTeamRole#coordinateur

Instance: GoalReferentRightsExample
InstanceOf: ParcoursGoal
Title: "Nadia : rouvrir ses droits santé"
Usage: #example
* lifecycleStatus = #active
* achievementStatus = http://terminology.hl7.org/CodeSystem/goal-achievement#in-progress
* category = ParcoursCodeSystemGoalCategory#social
* description = ParcoursCodeSystemGoal#ouvrir-droits
* description.text = "Avoir de nouveau une carte Vitale et la complémentaire santé solidaire"
* subject = Reference(PatientReferentExample)
* expressedBy = Reference(PatientReferentExample)
* target.dueDate = "2024-06-30"

Instance: CarePlanReferentExample
InstanceOf: ParcoursCarePlan
Title: "Plan partagé de Nadia"
Usage: #example
* extension[pathwayStage].valueCodeableConcept = ParcoursCodeSystemPathwayStage#engagement
* extension[followUpIntensity].valueCoding = ParcoursCodeSystemFollowUpIntensity#intensif "Accompagnement renforcé"
* status = #active
* intent = #plan
* category[parcours] = ParcoursCodeSystemCarePlanCategory#plan-partage
* subject = Reference(PatientReferentExample)
* careTeam = Reference(CareTeamReferentExample)
* goal = Reference(GoalReferentRightsExample)
* activity[0].detail.code = ParcoursCodeSystemActivity#ouverture-droits
* activity[0].detail.status = #in-progress
* activity[0].detail.performer = Reference(PractitionerReferentExample)
* activity[1].detail.code = ParcoursCodeSystemActivity#accompagnement-rdv
* activity[1].detail.status = #completed
* activity[1].detail.performer = Reference(PractitionerReferentExample)
* activity[1].detail.scheduledPeriod.start = "2024-03-12"

Instance: EncounterReferentAccompanimentExample
InstanceOf: ParcoursEncounter
Title: "Accompagnement de Nadia à la CPAM"
Usage: #example
* status = #finished
* class = $ActCode#FLD "field"
* type = ParcoursCodeSystemEncounterType#accompagnement
* subject = Reference(PatientReferentExample)
* participant.individual = Reference(PractitionerReferentExample)
* period.start = "2024-03-12T09:30:00+01:00"
* period.end = "2024-03-12T11:30:00+01:00"
* length = 120 'min' "min"
* reasonCode = ParcoursCodeSystemDomain#droits "Droits"

Instance: TaskReferentRightsExample
InstanceOf: ParcoursTask
Title: "Suivre la demande de complémentaire santé solidaire de Nadia"
Usage: #example
* status = #in-progress
* intent = #plan
* code = ParcoursCodeSystemTaskCode#suivi-activite
* description = "Dossier C2S déposé le 12 mars : relancer la CPAM sous un mois."
* for = Reference(PatientReferentExample)
* basedOn = Reference(CarePlanReferentExample)
* authoredOn = "2024-03-12"
* owner = Reference(PractitionerReferentExample)
* restriction.period.end = "2024-04-12"

Instance: EncounterReferentPhoneOrientationExample
InstanceOf: ParcoursEncounter
Title: "Appel de Nadia : orientation vers le service social"
Usage: #example
* status = #finished
* class = $ActCode#VR "virtual"
* type = ParcoursCodeSystemEncounterType#appel-telephonique
* subject = Reference(PatientReferentExample)
* participant.individual = Reference(PractitionerReferentExample)
* period.start = "2024-02-05T14:00:00+01:00"
* period.end = "2024-02-05T14:20:00+01:00"
* length = 20 'min' "min"
* reasonCode[0] = ParcoursCodeSystemDomain#droits "Droits"
* reasonCode[1] = ParcoursCodeSystemDomain#logement "Logement"

Instance: ServiceRequestReferentSocialServicesExample
InstanceOf: ParcoursServiceRequestOrientation
Title: "Orientation de Nadia vers le service social départemental"
Usage: #example
* status = #completed
* intent = #order
* category[referral] = $SCT#3457005 "Patient referral"
* subject = Reference(PatientReferentExample)
* authoredOn = "2024-02-05"
* requester = Reference(PractitionerReferentExample)
* performerType = ParcoursCodeSystemPartnerType#services-sociaux "Services sociaux"
* reasonCode = ParcoursCodeSystemDomain#logement "Logement"
* basedOn = Reference(CarePlanReferentExample)

Instance: TaskReferentSocialServicesExample
InstanceOf: ParcoursTask
Title: "Suites de l'orientation vers le service social : Nadia a été reçue"
Usage: #example
* status = #completed
* businessStatus = ParcoursCodeSystemOrientationOutcome#vue "Personne reçue"
* intent = #order
* code = ParcoursCodeSystemTaskCode#orientation
* focus = Reference(ServiceRequestReferentSocialServicesExample)
* for = Reference(PatientReferentExample)
* authoredOn = "2024-02-05"
* owner = Reference(PractitionerReferentExample)
* executionPeriod.end = "2024-02-26"
