import { ErrorBoundary } from './components/error-boundary.tsx';
import { ScreenSizeContext } from './hooks/screen-size-context.ts';
import { ThemeContext } from './hooks/theme-context.ts';
import { TutorContext } from './hooks/tutor-context.ts';
import { useReadable } from './hooks/use-readable.ts';
import { BusyScreen } from './screens/busy-screen.tsx';
import { ErrorScreen } from './screens/error-screen.tsx';
import { LessonScreen } from './screens/lesson-screen.tsx';
import { StartScreen } from './screens/start-screen.tsx';
import type { TutorApp } from './session/tutor-app.ts';
import type { Theme } from './theme.ts';

export interface AppProps {
  tutor: TutorApp;
  theme: Theme;
  /** A fixed screen size (tests); the terminal's otherwise. */
  size?: { columns: number; rows: number };
}

function Screens({ tutor }: { tutor: TutorApp }) {
  const { screen } = useReadable(tutor.app);
  switch (screen.name) {
    case 'start':
      return <StartScreen />;
    case 'opening':
      return <BusyScreen label={screen.label} since={screen.since} />;
    case 'lesson':
      return tutor.session ? <LessonScreen session={tutor.session} /> : <StartScreen />;
    case 'leaving':
      return <BusyScreen label={screen.label} since={screen.since} />;
    case 'done':
      return null;
  }
}

/** The whole TUI: contexts, the error boundary, and the screen the tutor is on. */
export function App({ tutor, theme, size }: AppProps) {
  return (
    <ThemeContext.Provider value={theme}>
      <TutorContext.Provider value={tutor}>
        <ScreenSizeContext.Provider value={size}>
          <ErrorBoundary
            onError={(error) => tutor.deps.log('the screen crashed', error)}
            fallback={(error) => (
              <ErrorScreen
                message={error.message}
                logFile={tutor.deps.logFile}
                onQuit={() => void tutor.quit()}
              />
            )}
          >
            <Screens tutor={tutor} />
          </ErrorBoundary>
        </ScreenSizeContext.Provider>
      </TutorContext.Provider>
    </ThemeContext.Provider>
  );
}
