import { z } from 'zod';

// The page's Content-Security-Policy forbids eval, which zod's optional JIT would try while
// building schemas; this must run before any schema module is evaluated.
z.config({ jitless: true });
