// @vitest-environment jsdom
import 'fake-indexeddb/auto';
import { cleanup, fireEvent, render, screen } from '@testing-library/preact';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { LibraryApp } from '../../components/LibraryApp';
import { MarginDB } from '../../utils/db/schema';

afterEach(cleanup);
afterAll(() => new Promise((resolve) => setTimeout(resolve, 200)));

const menuButton = (testId: string) => screen.getByTestId(testId).querySelector<HTMLButtonElement>('[data-menu-button]')!;
const openMenus = () => document.querySelectorAll('.library-actions [role="dialog"]').length;

describe('the library’s menus (내보내기 / 휴지통 / 동기화)', () => {
  it('close on Escape and on a click outside, and only one is open at a time', () => {
    render(<LibraryApp db={new MarginDB(`menus-${Math.random()}`)} />);
    fireEvent.click(menuButton('export'));
    expect(openMenus()).toBe(1);
    expect(menuButton('export').getAttribute('aria-expanded')).toBe('true');
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(openMenus()).toBe(0);
    expect(menuButton('export').getAttribute('aria-expanded')).toBe('false');

    fireEvent.click(menuButton('trash'));
    expect(screen.getByTestId('trash').querySelector('[role="dialog"]')).toBeTruthy();
    fireEvent.pointerDown(screen.getByTestId('library-list'));
    expect(openMenus()).toBe(0);

    // Opening another closes the first (a press on its button is outside the first menu).
    fireEvent.click(menuButton('export'));
    fireEvent.pointerDown(menuButton('sync'));
    fireEvent.click(menuButton('sync'));
    expect(openMenus()).toBe(1);
    expect(screen.getByTestId('sync').querySelector('[role="dialog"]')).toBeTruthy();
    // Its own button toggles it shut.
    fireEvent.pointerDown(menuButton('sync'));
    fireEvent.click(menuButton('sync'));
    expect(openMenus()).toBe(0);
  });
});
