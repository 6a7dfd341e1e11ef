// The plan simulator's run page: while the replay is queued or running, reload every two
// seconds so the progress moves and the results appear when it is done.
(function () {
    'use strict';
    if (document.querySelector('[data-simulation-running]')) {
        window.setTimeout(function () { window.location.reload(); }, 2000);
    }
})();
