// Queries a Strata Gremlin Server with the official JavaScript driver and prints what it saw as JSON.
// Usage: node interop.js ws://127.0.0.1:PORT/gremlin FILE_AN_ATTACK_WOULD_CREATE
'use strict';
const gremlin = require('gremlin');
const { DriverRemoteConnection, Client } = gremlin.driver;
const traversal = gremlin.process.AnonymousTraversalSource.traversal;
const __ = gremlin.process.statics;

async function refused(action) {
  try {
    await action();
    return 'accepted';
  } catch (e) {
    return 'refused: ' + String(e.message).slice(0, 300);
  }
}

async function main() {
  const [url, trap] = process.argv.slice(2);
  const connection = new DriverRemoteConnection(url, { traversalSource: 'g' });
  const client = new Client(url, { traversalSource: 'g' });
  const g = traversal().withRemote(connection);
  const out = {};
  try {
    out.entities = (await g.V().hasLabel('Entity').count().next()).value;
    out.virusName = (await g.V().has('uid', 'virus').values('name').next()).value;
    out.virusIsa = await g.V().has('uid', 'virus').out('isa').values('uid').order().toList();
    out.twoHop = (await g.V().has('uid', 'virus').out('isa').in_('isa').dedup().count().next()).value;
    out.scriptIsa = (await client.submit("g.V().has('uid', x).out('isa').count()", { x: 'virus' })).first();
    out.scriptAttack = await refused(() => client.submit("'touch " + trap + "'.execute()"));
    out.bytecodeIo = await refused(() => g.io(trap).write().iterate());
    out.bytecodeAfterRefusals = (await g.V().has('uid', 'virus').count().next()).value;
  } finally {
    await client.close();
    await connection.close();
  }
  console.log(JSON.stringify(out));
}

main().catch((e) => {
  console.error(e && e.stack ? e.stack : e);
  process.exit(1);
});
