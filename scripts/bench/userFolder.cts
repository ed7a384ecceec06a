// Imported first by scripts/bench.cts: n8n-core writes its settings into N8N_USER_FOLDER as soon as it is loaded
// (through the test runner), so the folder is chosen before any other import runs. A caller's choice wins
// (test/scripts/benchQuick.test.cts passes the jest run's temp folder).
import os from 'os';
import path from 'path';

process.env.N8N_USER_FOLDER ??= path.join(os.tmpdir(), 'n8n-nodes-synclabs-bench');
