// Attacks a Strata Gremlin Server (started with --writes) with the official JavaScript driver, as a hostile
// client would, and prints what happened to each as JSON; the Java test judges the effects.
// Usage: node attacks.js ws://127.0.0.1:PORT/gremlin
'use strict';
const gremlin = require('gremlin');
const { DriverRemoteConnection, Client } = gremlin.driver;
const traversal = gremlin.process.AnonymousTraversalSource.traversal;
const __ = gremlin.process.statics;

const ENDLESS = 'g.V().repeat(both().simplePath()).times(12).path().count()';

async function outcome(action) {
  const start = Date.now();
  try {
    const r = await action();
    return { result: 'accepted: ' + String(JSON.stringify(r && r.toArray ? r.toArray() : r)).slice(0, 2000), ms: Date.now() - start };
  } catch (e) {
    return { result: 'refused: ' + String(e.message).slice(0, 2000), ms: Date.now() - start };
  }
}

async function main() {
  const [url] = process.argv.slice(2);
  const client = new Client(url, { traversalSource: 'g' });
  const connection = new DriverRemoteConnection(url, { traversalSource: 'g' });
  const g = traversal().withRemote(connection);
  const out = {};
  try {
    out.leaks = [];
    for (const script of [
      "[System].getAt('env')",
      "[System]['env']",
      "[System]['env']['STRATA_TEST_SECRET']",
      "System.getenv('STRATA_TEST_SECRET')",
      "[g]['graph']['configuration']",
      "def e = System; e.getenv()",
    ]) {
      out.leaks.push(Object.assign({ script }, await outcome(() => client.submit(script))));
    }

    out.timeouts = [];
    out.timeouts.push(Object.assign({ what: 'request option 0' },
      await outcome(() => client.submit(ENDLESS, null, { evaluationTimeout: 0 }))));
    out.timeouts.push(Object.assign({ what: 'request option -1' },
      await outcome(() => client.submit(ENDLESS, null, { evaluationTimeout: -1 }))));
    out.timeouts.push(Object.assign({ what: 'request option 1 day' },
      await outcome(() => client.submit(ENDLESS, null, { evaluationTimeout: 86400000 }))));
    out.timeouts.push(Object.assign({ what: 'with() in the script' },
      await outcome(() => client.submit("g.with('evaluationTimeout', 0L).V().repeat(both().simplePath()).times(12).path().count()"))));
    out.timeouts.push(Object.assign({ what: 'with_() in bytecode' },
      await outcome(() => g.with_('evaluationTimeout', 0).V().repeat(__.both().simplePath()).times(12).path().count().next())));
    out.timeouts.push(Object.assign({ what: 'no option: the server timeout' },
      await outcome(() => client.submit(ENDLESS))));

    const page = new DriverRemoteConnection(url, { traversalSource: 'g', headers: { Origin: 'http://evil.example' } });
    out.crossOrigin = await outcome(() => traversal().withRemote(page).V().hasLabel('Entity').drop().iterate());
    await page.close().catch(() => {});

    out.governance = [];
    for (const [what, attack] of [
      ['fact state', () => g.E().hasLabel('isa').limit(1).property('state', 'STABLE').iterate()],
      ['delta vertices', () => g.V().hasLabel('Delta').drop().iterate()],
      ['everything', () => g.V().drop().iterate()],
      ['a rule', () => g.addV('Rule').property('ruleText', 'x').iterate()],
      ['script: confidence', () => client.submit("g.E().hasLabel('isa').limit(1).property('confidence', 1.0d)")],
    ]) {
      out.governance.push(Object.assign({ what }, await outcome(attack)));
    }
    out.legitWrite = await outcome(() => g.addV('Entity').property('uid', 'from_js').property('name', 'From JavaScript').iterate());
    out.entitiesAfter = (await g.V().hasLabel('Entity').count().next()).value;
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
