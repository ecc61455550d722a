import type { Router } from '../router.js';
import { registerAttachments } from './attachments.js';
import { registerV1Attachments } from './v1-attachments.js';
import { registerV1Content } from './v1-content.js';
import { registerV1Labels } from './v1-labels.js';
import { registerV1User } from './v1-user.js';
import { registerPages } from './pages.js';
import { registerBlogPosts } from './blogposts.js';
import { registerComments } from './comments.js';
import { registerCustomContent } from './custom-content.js';
import { registerFolders } from './folders.js';
import { registerLabels } from './labels.js';
import { registerProperties } from './properties.js';
import { registerTasks } from './tasks.js';
import { registerSpaces } from './spaces.js';

/** Every v2 route module (base `/wiki/api/v2`). */
export function registerV2(router: Router): void {
  registerSpaces(router);
  registerPages(router);
  registerBlogPosts(router);
  registerFolders(router);
  registerComments(router);
  registerProperties(router);
  registerLabels(router);
  registerTasks(router);
  registerCustomContent(router);
  registerAttachments(router);
}

/** Every v1 route module (base `/wiki/rest/api`). */
export function registerV1(router: Router): void {
  void router;
  registerV1Attachments(router);
  registerV1Labels(router);
  registerV1Content(router);
  registerV1User(router);
}
