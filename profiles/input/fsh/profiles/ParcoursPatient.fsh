Profile: ParcoursPatient
Parent: Patient
Id: parcours-patient
Title: "Personne accompagnée Parcours / Parcours patient"
Description: "La personne accompagnée, identifiée par l'INS quand il est qualifié (avec les traits d'identité FR Core) ou par un identifiant local. — The person, identified by the INS when qualified (with the FR Core identity traits) or by a local identifier."
* insert ParcoursMetadata
* obeys parcours-ins-format
* obeys parcours-ins-identity-traits
* insert IdentifierSlicing
* identifier 1..* MS
* identifier contains INS 0..1 MS
* insert IdentifierSlice(INS, urn:oid:1.2.250.1.213.1.4.8, [[INS (NIR, 15 caractères) / national health identifier]])
* identifier[INS].use = #official
* name 1..* MS
* name.use MS
* name.family MS
* name.given MS
* gender MS
* birthDate MS
* extension contains $BirthPlace named birthPlace 0..1 MS
* extension[birthPlace] ^short = "Lieu de naissance (trait INS) / birth place (INS identity trait)"
* telecom MS
* address MS
* generalPractitioner MS
* generalPractitioner only Reference(ParcoursPractitioner or ParcoursPractitionerRole)
