Profile: ParcoursServiceRequestOrientation
Parent: ServiceRequest
Id: parcours-servicerequest-orientation
Title: "Orientation vers un partenaire / Referral to a partner"
Description: "Une personne orientée vers un type de partenaire (médecin généraliste, CSAPA, CMP...) par un professionnel de son équipe ; les suites sont suivies par une Task « orientation » dont focus est cette demande (businessStatus : envoyee, acceptee, rdv-pris, vue, refusee, sans-suite). — A person referred to a kind of partner by a professional of their team; the follow-through is a referral Task whose focus is this request."
* insert ParcoursMetadata
* status MS
* status ^short = "active en cours, completed personne reçue, revoked refusée ou sans suite"
* intent = #order
* category 1..* MS
* category ^slicing.discriminator[0].type = #pattern
* category ^slicing.discriminator[0].path = "$this"
* category ^slicing.rules = #open
* category contains referral 1..1 MS
* category[referral] = $SCT#3457005
* subject 1..1 MS
* subject only Reference(ParcoursPatient)
* authoredOn 1..1 MS
* requester 1..1 MS
* requester only Reference(ParcoursPractitionerRole or ParcoursPractitioner)
* performerType 1..1 MS
* performerType from ParcoursValueSetPartnerType (required)
* performer MS
* performer only Reference(ParcoursOrganization or ParcoursPractitionerRole or ParcoursPractitioner)
* performer ^short = "Le partenaire nommé, s'il est connu / the named partner, when known"
* reasonCode MS
* reasonCode from ParcoursValueSetDomain (extensible)
* basedOn MS
* basedOn only Reference(ParcoursCarePlan)
* occurrence[x] MS
* occurrence[x] ^short = "Date du rendez-vous chez le partenaire, une fois pris / the partner appointment's date, once made"
* note MS
