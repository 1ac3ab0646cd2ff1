// Vite configuration of the directors' dashboard. `node services/dashboard/build.mjs` builds it to dist/,
// which the gateway serves at / (services/gateway/src/http/dashboard.ts). For development, `npm start` in
// one terminal and `npx vite services/dashboard` in another: the dev server forwards /graphql to the product.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react()],
  logLevel: 'warn',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    target: 'es2022',
    // Hashed file names under assets/: the gateway serves them as immutable.
    assetsDir: 'assets',
    chunkSizeWarningLimit: 800,
    rolldownOptions: {
      output: {
        // The charting library and React change less often than the pages: their own files stay cached across releases.
        codeSplitting: {
          groups: [
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/ },
            { name: 'react', test: /node_modules[\\/](react|react-dom|scheduler)[\\/]/ },
          ],
        },
      },
    },
  },
  server: { proxy: { '/graphql': process.env.DASHBOARD_API ?? 'http://localhost:4000' } },
});
