import { validate } from './index.ts';
const show = (r: unknown) => console.log(validate(r).issue.filter(i=>i.severity!=='information').map(i=>i.severity+' '+i.expression+' '+i.details?.text));
show({resourceType:'Bundle', type:'collection', link:[{relation:'self',url:'http://a/x'},{relation:'self',url:'http://a/y'}], entry:[{fullUrl:'Patient/1', resource:{resourceType:'Patient', id:'1'}}]});
show({resourceType:'Bundle', type:'document', identifier:{system:'urn:ietf:rfc:3986', value:'urn:uuid:0c3151bd-1cbf-4d64-b04d-cd9187a4c6e0'}, timestamp:'2020-01-01T00:00:00Z', entry:[
 {fullUrl:'http://a.org/fhir/Composition/c', resource:{resourceType:'Composition', id:'c', status:'final', type:{text:'x'}, date:'2020-01-01', author:[{reference:'Practitioner/p'}], title:'t', subject:{reference:'Patient/1'}}},
 {fullUrl:'http://a.org/fhir/Patient/1', resource:{resourceType:'Patient', id:'1'}},
 {fullUrl:'http://b.org/fhir/Patient/1', resource:{resourceType:'Patient', id:'1'}},
 {fullUrl:'http://a.org/fhir/Practitioner/p', resource:{resourceType:'Practitioner', id:'p'}}]});
