/** One colour per level, L1 light to L6 dark (viridis: ordered, and readable with colour-blindness). */
export const levelColours = ['#fde725', '#7ad151', '#22a884', '#2a788e', '#414487', '#440154', '#26001f', '#100010'];
export const levelColour = (level: number) => levelColours[Math.max(0, Math.min(levelColours.length - 1, level - 1))]!;
