/** One colour per level, L1 light to L6 dark (viridis: ordered, and readable with colour-blindness). */
export const levelColours = ['#fde725', '#7ad151', '#22a884', '#2a788e', '#414487', '#440154', '#26001f', '#100010'];
export const levelColour = (level: number) => levelColours[Math.max(0, Math.min(levelColours.length - 1, level - 1))]!;

const luminance = (hex: string): number => {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((c) => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)) as [number, number, number];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
};

/** WCAG contrast ratio of two colours (#rrggbb). */
export const contrast = (a: string, b: string): number => {
  const [light, dark] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (light + 0.05) / (dark + 0.05);
};

/** Black or white, whichever reads better on the background. */
export const textOn = (background: string): string => (contrast(background, '#000000') >= contrast(background, '#ffffff') ? '#000000' : '#ffffff');
