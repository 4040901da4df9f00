// Colour for status cells, only when ctx.globals.color says so (a TTY, not NO_COLOR/--no-color,
// or FORCE_COLOR). chalk is imported only then, so piped output never loads it.

export type Paint = (text: string, value: unknown) => string;

const noPaint: Paint = (text) => text;

type Style = 'green' | 'gray' | 'yellow' | 'red';

const STATUS_STYLE: Record<string, Style> = {
  running: 'green',
  online: 'green',
  ok: 'green',
  stopped: 'gray',
  paused: 'yellow',
  suspended: 'yellow',
  prelaunch: 'yellow',
  unknown: 'red',
  offline: 'red',
  error: 'red',
};

export async function statusPainter(enabled: boolean): Promise<Paint> {
  if (!enabled) return noPaint;
  const { Chalk } = await import('chalk');
  // level 1 (16 colours): the decision to colour was already made from the TTY and the env
  const chalk = new Chalk({ level: 1 });
  return (text, value) => {
    const style = typeof value === 'string' ? STATUS_STYLE[value.toLowerCase()] : undefined;
    return style ? chalk[style](text) : text;
  };
}
