Invariant: parcours-ins-identity-traits
Description: "Avec un INS, les traits d'identité FR Core sont obligatoires : nom et prénom(s) de naissance (name.use = official), date de naissance, sexe, lieu de naissance. — With an INS, the FR Core identity traits are required: birth family and given names, birth date, gender, birth place."
Severity: #error
Expression: "identifier.where(system = 'urn:oid:1.2.250.1.213.1.4.8').exists() implies (name.where(use = 'official' and family.exists() and given.exists()).exists() and birthDate.exists() and gender.exists() and extension.where(url = 'http://hl7.org/fhir/StructureDefinition/patient-birthPlace').exists())"
