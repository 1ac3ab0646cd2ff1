// Vite configuration of the directors' dashboard. `node services/dashboard/build.mjs` builds it to dist/,
// which the gateway serves at / (services/gateway/src/http/dashboard.ts). For development, `npm start` in
// one terminal and `npx vite services/dashboard` in another: the dev server forwards /graphql to the product.
import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

/**
 * The charting library is imported dynamically (src/charts/load-echarts.ts) so the app starts without waiting to
 * compile it; this lets the browser fetch it from the start all the same, beside the app's own files.
 */
function preloadCharts() {
  return {
    name: 'skills-graph-preload-charts',
    transformIndexHtml: {
      order: 'post',
      handler(html, context) {
        const chunks = Object.values(context.bundle ?? {}).filter((file) => file.type === 'chunk' && file.name === 'echarts');
        return chunks.map((chunk) => ({ tag: 'link', attrs: { rel: 'modulepreload', crossorigin: true, href: `/${chunk.fileName}` }, injectTo: 'head' }));
      },
    },
  };
}

export default defineConfig({
  root: import.meta.dirname,
  base: '/',
  plugins: [react(), preloadCharts()],
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
