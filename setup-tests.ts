import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// Console convention: elements are selected by data-test attributes.
configure({ testIdAttribute: 'data-test' });
