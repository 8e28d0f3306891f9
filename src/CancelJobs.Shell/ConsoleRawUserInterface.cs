using System;
using System.Management.Automation.Host;

namespace CancelJobs.Shell;

/// <summary>Console geometry and colours. When output is redirected there is no window: a fixed width keeps tables stable.</summary>
internal sealed class ConsoleRawUserInterface : PSHostRawUserInterface
{
    /// <summary>Width used for formatting when stdout is not a terminal.</summary>
    public const int RedirectedWidth = 160;

    private string title = "canceljobs";
    private ConsoleColor foreground = ConsoleColor.Gray;
    private ConsoleColor background = ConsoleColor.Black;

    public ConsoleRawUserInterface()
    {
        if (!Console.IsOutputRedirected)
        {
            try
            {
                foreground = Console.ForegroundColor;
                background = Console.BackgroundColor;
            }
            catch (Exception e) when (e is PlatformNotSupportedException or InvalidOperationException or System.IO.IOException)
            {
            }
        }
    }

    public override ConsoleColor ForegroundColor { get => foreground; set => foreground = value; }
    public override ConsoleColor BackgroundColor { get => background; set => background = value; }

    public override Size BufferSize
    {
        get => new(Width, Console.IsOutputRedirected ? 9999 : SafeConsole(() => Console.BufferHeight, 9999));
        set { }
    }

    public override Size WindowSize
    {
        get => new(Width, Console.IsOutputRedirected ? 50 : SafeConsole(() => Console.WindowHeight, 50));
        set { }
    }

    public override Size MaxWindowSize => WindowSize;
    public override Size MaxPhysicalWindowSize => WindowSize;

    public override Coordinates CursorPosition
    {
        get => Console.IsOutputRedirected ? new Coordinates(0, 0) : SafeConsole(() => new Coordinates(Console.CursorLeft, Console.CursorTop), new Coordinates(0, 0));
        set
        {
            if (!Console.IsOutputRedirected) SafeConsole(() => { Console.SetCursorPosition(value.X, value.Y); return 0; }, 0);
        }
    }

    public override Coordinates WindowPosition { get => new(0, 0); set { } }
    public override int CursorSize { get => 25; set { } }

    public override bool KeyAvailable => !Console.IsInputRedirected && SafeConsole(() => Console.KeyAvailable, false);

    public override string WindowTitle { get => title; set => title = value; }

    /// <summary>Columns available for formatting.</summary>
    public static int Width => Console.IsOutputRedirected ? RedirectedWidth : Math.Max(40, SafeConsole(() => Console.WindowWidth, 120));

    public override void FlushInputBuffer()
    {
        while (KeyAvailable) Console.ReadKey(intercept: true);
    }

    public override KeyInfo ReadKey(ReadKeyOptions options)
    {
        if (Console.IsInputRedirected) throw new InvalidOperationException("Cannot read a key: input is redirected.");
        ConsoleKeyInfo key = Console.ReadKey((options & ReadKeyOptions.NoEcho) != 0);
        var state = ControlKeyStates.NumLockOn;
        if ((key.Modifiers & ConsoleModifiers.Shift) != 0) state |= ControlKeyStates.ShiftPressed;
        if ((key.Modifiers & ConsoleModifiers.Control) != 0) state |= ControlKeyStates.LeftCtrlPressed;
        if ((key.Modifiers & ConsoleModifiers.Alt) != 0) state |= ControlKeyStates.LeftAltPressed;
        return new KeyInfo((int)key.Key, key.KeyChar, state, keyDown: true);
    }

    public override BufferCell[,] GetBufferContents(Rectangle rectangle) =>
        throw new NotSupportedException("canceljobs cannot read the screen buffer.");

    public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) =>
        throw new NotSupportedException("canceljobs cannot scroll the screen buffer.");

    public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) =>
        throw new NotSupportedException("canceljobs cannot write the screen buffer.");

    public override void SetBufferContents(Rectangle rectangle, BufferCell fill)
    {
        // Clear-Host sends a whole-buffer fill with a space; anything else is not supported.
        if (rectangle.Left == -1 && fill.Character == ' ' && !Console.IsOutputRedirected)
        {
            Console.Clear();
            return;
        }
        throw new NotSupportedException("canceljobs cannot write the screen buffer.");
    }

    private static T SafeConsole<T>(Func<T> read, T fallback)
    {
        try
        {
            return read();
        }
        catch (Exception e) when (e is PlatformNotSupportedException or InvalidOperationException or System.IO.IOException or ArgumentOutOfRangeException)
        {
            return fallback;
        }
    }
}
