// Used by run.sh: packs the package once (building it if dist/ is incomplete) and prints the tarball path.
import { packPackage } from './pack.cjs';

process.stdout.write(`${packPackage({ keepAfterExit: true })}\n`);
