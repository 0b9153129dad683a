// Shared rules (STYLE.md: parameterised RuleSets).

// Metadata common to every Parcours conformance resource.
RuleSet: ParcoursMetadata
* ^status = #draft
* ^experimental = false
* ^publisher = "Parcours"
* ^jurisdiction = urn:iso:std:iso:3166#FR "France"

// A Parcours CodeSystem: French display, English designation on each concept (see En).
RuleSet: ParcoursCodeSystem
* insert ParcoursMetadata
* ^caseSensitive = true
* ^content = #complete
* ^language = #fr-FR

RuleSet: ParcoursValueSet
* insert ParcoursMetadata
* ^language = #fr-FR

// English designation of a concept; the concept's display is French (applied as `* #code insert En(...)`).
RuleSet: En(text)
* ^designation[+].language = #en
* ^designation[=].value = "{text}"

// Substance-use sensitivity label (v3-ActCode SUD) required in meta.security, sliced on leaf values.
RuleSet: SubstanceUseLabel
* meta 1..1 MS
* meta.security 1..* MS
* meta.security ^slicing.discriminator[0].type = #value
* meta.security ^slicing.discriminator[0].path = "system"
* meta.security ^slicing.discriminator[1].type = #value
* meta.security ^slicing.discriminator[1].path = "code"
* meta.security ^slicing.rules = #open
* meta.security ^slicing.description = "Étiquette de sensibilité SUD obligatoire / SUD sensitivity label required"
* meta.security contains sud 1..1 MS
* meta.security[sud].system 1..1
* meta.security[sud].system = "http://terminology.hl7.org/CodeSystem/v3-ActCode" (exactly)
* meta.security[sud].code 1..1
* meta.security[sud].code = #SUD (exactly)
* meta.security[sud] ^short = "Données d'addictologie (SUD) / substance use information"

// Identifier slice keyed on its system (a leaf value), e.g. INS, RPPS, FINESS.
RuleSet: IdentifierSlicing
* identifier ^slicing.discriminator[0].type = #value
* identifier ^slicing.discriminator[0].path = "system"
* identifier ^slicing.rules = #open
* identifier ^slicing.description = "Découpage par système d'identifiant / sliced by identifier system"

RuleSet: IdentifierSlice(name, system, short)
* identifier[{name}].system 1..1 MS
* identifier[{name}].system = "{system}" (exactly)
* identifier[{name}].value 1..1 MS
* identifier[{name}] ^short = "{short}"

// Consumption observation common rules: social-history category ($this pattern slice), patient, date, SUD label.
RuleSet: ConsumptionObservation
* insert SubstanceUseLabel
* status MS
* category 1..* MS
* category ^slicing.discriminator[0].type = #pattern
* category ^slicing.discriminator[0].path = "$this"
* category ^slicing.rules = #open
* category contains socialHistory 1..1 MS
* category[socialHistory] = $ObsCat#social-history
* subject 1..1 MS
* subject only Reference(ParcoursPatient)
* effective[x] 1..1 MS
* effective[x] only dateTime or Period
* performer MS
* note MS

// Instance helper: the SUD label on an example.
RuleSet: SudLabelOnInstance
* meta.security[sud] = $ActCode#SUD "substance use disorder information sensitivity"

// Instance helper: a care team participant with one role and a start date.
RuleSet: Member(index, member, role, start)
* participant[{index}].member = Reference({member})
* participant[{index}].role[+] = ParcoursCodeSystemCareTeamRole#{role}
* participant[{index}].period.start = "{start}"

// A Parcours indicator (Measure): summary counts for a structure over a period (README: "Indicators").
RuleSet: ParcoursMeasure
* status = #active
* experimental = false
* publisher = "Parcours"
* language = #fr-FR
* jurisdiction = urn:iso:std:iso:3166#FR "France"
* scoring = $MeasureScoring#cohort
* type = http://terminology.hl7.org/CodeSystem/measure-type#structure
* improvementNotation = http://terminology.hl7.org/CodeSystem/measure-improvement-notation#increase
* subjectCodeableConcept.text = "Organization : la structure (les personnes dont elle gère l'équipe de soins) / the structure"
