/* hold.exe: keeps a file or folder open the way another Windows program might, so that
   scripts/wine-test.sh can run `prongsai build` while public/ is in use. Never shipped.

     hold.exe <path> <how> <flag-file>

   how: "rwd"  a file opened for reading, sharing read, write and delete (a browser tab);
        "r"    a file opened for reading, sharing read only (no FILE_SHARE_DELETE: an
               editor or viewer that locks what it shows);
        "dir"  a folder opened to list and watch it, sharing all (Explorer showing it);
        "cwd"  a folder made the current folder (a Command Prompt window that is `cd` in
               it: Windows holds it open without FILE_SHARE_DELETE).
   Once the path is open it creates <flag-file>, then holds the path until the flag file
   is removed (polled every 20 ms), or for at most 120 s; exit 0. Exit 1 if the path could
   not be opened (the Windows error is printed). */
#include <windows.h>
#include <stdio.h>
#include <wchar.h>

int wmain(int argc, wchar_t **argv) {
    if (argc != 4) {
        fprintf(stderr, "usage: hold.exe <path> rwd|r|dir|cwd <flag-file>\n");
        return 2;
    }
    DWORD access = GENERIC_READ, share = FILE_SHARE_READ, flags = FILE_ATTRIBUTE_NORMAL;
    if (wcscmp(argv[2], L"rwd") == 0) {
        share = FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE;
    } else if (wcscmp(argv[2], L"dir") == 0) {
        access = FILE_LIST_DIRECTORY;
        share = FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE;
        flags = FILE_FLAG_BACKUP_SEMANTICS; /* needed to open a folder */
    } else if (wcscmp(argv[2], L"cwd") == 0) {
        if (!SetCurrentDirectoryW(argv[1])) {
            fprintf(stderr, "hold.exe: SetCurrentDirectoryW failed, error %lu\n", GetLastError());
            return 1;
        }
        argv[1] = L"."; /* held by the process already; this handle adds nothing */
        access = FILE_LIST_DIRECTORY;
        share = FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE;
        flags = FILE_FLAG_BACKUP_SEMANTICS;
    } else if (wcscmp(argv[2], L"r") != 0) {
        fprintf(stderr, "hold.exe: unknown mode\n");
        return 2;
    }
    HANDLE h = CreateFileW(argv[1], access, share, NULL, OPEN_EXISTING, flags, NULL);
    if (h == INVALID_HANDLE_VALUE) {
        fprintf(stderr, "hold.exe: CreateFileW failed, error %lu\n", GetLastError());
        return 1;
    }
    HANDLE flag = CreateFileW(argv[3], GENERIC_WRITE, 0, NULL, CREATE_ALWAYS, 0, NULL);
    if (flag == INVALID_HANDLE_VALUE) {
        fprintf(stderr, "hold.exe: cannot create the flag file, error %lu\n", GetLastError());
        return 1;
    }
    CloseHandle(flag);
    for (int i = 0; i < 6000 && GetFileAttributesW(argv[3]) != INVALID_FILE_ATTRIBUTES; i++) {
        Sleep(20);
    }
    CloseHandle(h);
    return 0;
}
